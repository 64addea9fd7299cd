package cn.incubation.ledger.tenant.command;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which incubation holds each company (credit code): the set the "one carrier at a time" rule is checked against.
 * Uniqueness comes from the store's unique key, never from a read followed by a write, so two concurrent
 * admissions of one company cannot both win.
 */
public interface CompanyRegister {

    /** The incubation that last claimed the company, if any. */
    default Optional<Claim> holder(String creditCode) {
        List<Claim> claims = claims(creditCode);
        return claims.isEmpty() ? Optional.empty() : Optional.of(claims.get(claims.size() - 1));
    }

    /** Every incubation that claimed the company, in the order they claimed it (not their business dates). */
    List<Claim> claims(String creditCode);

    /** Claims a company no incubation has ever held; false when one has. */
    boolean claim(String creditCode, String tenantId, Instant at);

    /** Claims the company after {@code previous}; false when another incubation claimed it after {@code previous}. */
    boolean takeOver(Claim previous, String tenantId, Instant at);

    /** Drops the claim if {@code tenantId} still holds it (the admission that made it failed). */
    void release(String creditCode, String tenantId);

    /** A company held by one incubation since {@code claimedAt}; {@code generation} counts the claims before it. */
    record Claim(String creditCode, String tenantId, Instant claimedAt, int generation) {
    }
}
