package cn.incubation.ledger.web;

import cn.incubation.ledger.shared.LedgerRejection;

/**
 * The bounds of whole-number query parameters (pages, sizes, limits), so that a query's cost stays bounded. Spring
 * binds the number; a value that is not one never gets here (see {@link ProblemAdvice}).
 */
final class QueryBounds {

    /** Pages past this are past any carrier's history at the largest page size. */
    static final int MAX_PAGE = 1_000_000;

    private QueryBounds() {
    }

    /** The parameter from {@code min} to {@code max}, or {@code defaultValue} when absent. */
    static int within(String field, Integer value, int defaultValue, int min, int max) {
        if (value == null) {
            return defaultValue;
        }
        if (value < min || value > max) {
            throw LedgerRejection.invalid(field, value, "must be from " + min + " to " + max);
        }
        return value;
    }

    /** A page number, from 0. */
    static int page(Integer value) {
        return within("page", value, 0, 0, MAX_PAGE);
    }
}
