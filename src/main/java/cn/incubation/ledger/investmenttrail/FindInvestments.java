package cn.incubation.ledger.investmenttrail;

import cn.incubation.ledger.shared.Check;
import cn.incubation.ledger.shared.LedgerRejection;

import java.time.Instant;

/**
 * Find the investments of one tenant, carrier or investor, with only the facts recorded by {@code knownAt}: page
 * {@code page} (from 0) of {@code size} of them in received order.
 */
public record FindInvestments(TrailScope scope, String id, Instant knownAt, int page, int size) {

    public static final int DEFAULT_SIZE = 100;
    public static final int MAX_SIZE = 1_000;

    public FindInvestments {
        Check.required("scope", scope);
        id = Check.required(scope.field(), id).strip();
        Check.required("knownAt", knownAt);
        if (page < 0) {
            throw LedgerRejection.invalid("page", page, "must not be negative");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw LedgerRejection.invalid("size", size, "must be from 1 to " + MAX_SIZE);
        }
    }

    /** The first page, of the default size. */
    public FindInvestments(TrailScope scope, String id, Instant knownAt) {
        this(scope, id, knownAt, 0, DEFAULT_SIZE);
    }
}
