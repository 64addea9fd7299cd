package cn.incubation.ledger.history;

import cn.incubation.ledger.incubator.IncubatorEvent;
import cn.incubation.ledger.shared.Check;
import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.tenant.TenantEvent;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Find a page of a carrier's timeline: facts that occurred from {@code from} to {@code to} (both inclusive, either
 * open), of the given event types (all when empty), page {@code page} (from 0) of {@code size} entries.
 */
public record FindIncubatorHistory(String incubatorId, LocalDate from, LocalDate to, Set<String> types, int page,
                                   int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    /** The event type names a filter may use: every event of a carrier or of its tenants. */
    public static final List<String> KNOWN_TYPES = Stream.of(IncubatorEvent.class, TenantEvent.class)
                                                         .flatMap(t -> Arrays.stream(t.getPermittedSubclasses()))
                                                         .map(Class::getSimpleName)
                                                         .toList();

    public FindIncubatorHistory {
        Check.required("incubatorId", incubatorId);
        types = types == null ? Set.of() : Set.copyOf(types);
        for (String type : types) {
            if (!KNOWN_TYPES.contains(type)) {
                throw LedgerRejection.invalid("type", type, "is not an event type; known types: "
                        + String.join(", ", KNOWN_TYPES));
            }
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw LedgerRejection.invalid("from", from, "must not be after to (" + to + ")");
        }
        if (page < 0) {
            throw LedgerRejection.invalid("page", page, "must not be negative");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw LedgerRejection.invalid("size", size, "must be from 1 to " + MAX_SIZE);
        }
    }

    /** Whether an entry of this type and date passes the filter. */
    public boolean matches(String type, LocalDate occurredOn) {
        return (types.isEmpty() || types.contains(type)) && (from == null || !occurredOn.isBefore(from))
                && (to == null || !occurredOn.isAfter(to));
    }
}
