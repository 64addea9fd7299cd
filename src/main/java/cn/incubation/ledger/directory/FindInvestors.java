package cn.incubation.ledger.directory;

import java.util.List;
import java.util.Set;

/**
 * The investors of the ledger's investments as they stand now (corrections and retractions applied), those whose
 * names begin with {@code prefix} (null: all); one page in the order asked.
 *
 * @param onlyInvestors the investors the asker may see, or null for all
 */
public record FindInvestors(String prefix, Sort sort, int page, int size, Set<String> onlyInvestors) {

    public static final List<String> SORTS = List.of("name", "investments", "amountCny");

    public FindInvestors {
        onlyInvestors = onlyInvestors == null ? null : Set.copyOf(onlyInvestors);
    }
}
