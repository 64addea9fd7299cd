package cn.incubation.ledger.directory;

import java.util.Set;

/**
 * Incubations by the company's credit code (every one, in the order they began) or by the beginning of a company's
 * or team's name; exactly one of the two is given. Statuses are as of today.
 *
 * @param onlyCarriers the carriers whose tenants the asker may see, or null for all
 */
public record FindTenants(String creditCode, String namePrefix, int page, int size, Set<String> onlyCarriers) {

    public FindTenants {
        if ((creditCode == null) == (namePrefix == null)) {
            throw new IllegalArgumentException("a tenant search takes a credit code or a name prefix");
        }
        onlyCarriers = onlyCarriers == null ? null : Set.copyOf(onlyCarriers);
    }
}
