package cn.incubation.ledger.directory;

import java.util.Objects;

/**
 * The order a list is asked in: one of the fields the list offers, ascending or descending; rows that tie are ordered
 * by id, so that pages never overlap.
 *
 * @param field      a field the list names (its query record says which)
 * @param descending whether the largest comes first
 */
public record Sort(String field, boolean descending) {

    public Sort {
        Objects.requireNonNull(field, "field");
    }

    public static Sort ascending(String field) {
        return new Sort(field, false);
    }
}
