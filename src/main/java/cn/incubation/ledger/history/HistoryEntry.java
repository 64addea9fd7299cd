package cn.incubation.ledger.history;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * One fact in a carrier's timeline: when it happened ({@code occurredOn}), when the ledger learned it
 * ({@code recordedAt}), its event type, the tenant it concerns (none for the carrier's own facts), a one-line summary
 * and the event's fields as recorded (amounts as exact decimal strings).
 */
public record HistoryEntry(String eventId, LocalDate occurredOn, Instant recordedAt, String type, String tenantId,
                           String actor, String summary, Map<String, Object> fields) {
}
