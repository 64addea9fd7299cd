package cn.incubation.ledger.web;

import cn.incubation.ledger.shared.LedgerRejection;

/** Whole-number query parameters (pages, sizes, limits), read with their bounds: a query's cost stays bounded. */
final class QueryBounds {

    private QueryBounds() {
    }

    /** The parameter as a whole number from {@code min} to {@code max}, or {@code defaultValue} when absent. */
    static int whole(String field, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        long number;
        try {
            number = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw LedgerRejection.invalid(field, value, "must be a whole number");
        }
        if (number < min || number > max) {
            throw LedgerRejection.invalid(field, value, "must be from " + min + " to " + max);
        }
        return (int) number;
    }
}
