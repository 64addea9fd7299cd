package cn.incubation.ledger.web;

import cn.incubation.ledger.directory.Sort;
import cn.incubation.ledger.shared.LedgerRejection;

import java.util.List;

/** A list's {@code sort} parameter: a field the list offers, optionally followed by {@code ,asc} or {@code ,desc}. */
final class SortParameter {

    private SortParameter() {
    }

    static Sort read(String value, String defaultField, List<String> fields) {
        if (value == null || value.isBlank()) {
            return Sort.ascending(defaultField);
        }
        String[] parts = value.strip().split(",", -1);
        String direction = parts.length == 2 ? parts[1].strip() : "asc";
        if (parts.length > 2 || !fields.contains(parts[0].strip()) || !direction.equals("asc")
                && !direction.equals("desc")) {
            throw LedgerRejection.invalid("sort", value, "must be one of " + String.join(", ", fields)
                    + ", optionally followed by ,asc or ,desc");
        }
        return new Sort(parts[0].strip(), direction.equals("desc"));
    }
}
