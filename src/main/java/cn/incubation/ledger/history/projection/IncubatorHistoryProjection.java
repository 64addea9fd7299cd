package cn.incubation.ledger.history.projection;

import cn.incubation.ledger.incubator.IncubatorEvent;
import cn.incubation.ledger.projector.Projection;
import cn.incubation.ledger.projector.ProjectionBatch;
import cn.incubation.ledger.projector.RecordTime;
import cn.incubation.ledger.tenant.TenantEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Files every fact of a carrier and of its tenants under the carrier and the month it occurred in, and counts them
 * per month and type in one index document per carrier, so that a page of the timeline is two key lookups, and a third
 * in the event store for the facts on the page.
 * <p>
 * An entry keeps what ordering and filtering a timeline needs (dates, type, tenant) and the event's place in the
 * global order; the page reads the events themselves from the event store by those places ({@code _id $in}), where
 * their summary and fields come from: copies of every event's fields and summary made this projection write more than
 * the events themselves, and most of a rebuild's time.
 * <p>
 * Every write is a function of the event alone (entries keyed by the event's place, counts added under the batch
 * guard), so the projection reads nothing back and keeps no cache.
 */
@ProcessingGroup(IncubatorHistoryProjection.NAME)
class IncubatorHistoryProjection {

    static final String NAME = "incubator-history";
    /** {@code _id = "<incubatorId>|2021-03"}: {@code entries.p<global index>} holds each fact of that month. */
    static final String MONTHS = "incubator_history";
    /** {@code _id = "<incubatorId>"}: {@code months.<2021-03>.<type>} counts the facts of each month and type. */
    static final String INDEX = "incubator_history_index";
    /** Before the global index in an entry's key: a field name of digits alone would read as an array index. */
    static final String ENTRY_PREFIX = "p";

    @EventHandler
    void on(IncubatorEvent fact, EventMessage<?> event, ProjectionBatch batch) {
        file(fact.incubatorId(), null, fact.occurredOn(), fact, event, batch);
    }

    @EventHandler
    void on(TenantEvent fact, EventMessage<?> event, ProjectionBatch batch) {
        file(fact.incubatorId(), fact.tenantId(), fact.occurredOn(), fact, event, batch);
    }

    private static void file(String incubatorId, String tenantId, LocalDate occurredOn, Object payload,
                             EventMessage<?> event, ProjectionBatch batch) {
        long position = RecordTime.globalIndex(event);
        if (position < 0) {
            throw new IllegalStateException("The incubator history keeps each event's place in the event stream, and "
                                            + "event " + event.getIdentifier() + " came without one");
        }
        String month = YearMonth.from(occurredOn).toString();
        String type = payload.getClass().getSimpleName();
        // Text keeps the instant whole; Mongo dates would cut it to milliseconds.
        String entry = entry(occurredOn.toString(), RecordTime.of(event).toString(), type, tenantId);
        batch.document(MONTHS, monthId(incubatorId, month))
             .set("incubatorId", incubatorId)
             .set("month", month)
             .set("entries." + ENTRY_PREFIX + position, entry);
        batch.document(INDEX, incubatorId).inc("months." + month + "." + type, 1);
    }

    /**
     * An entry as one text, {@code occurredOn|recordedAt|type|tenantId} (no tenant: nothing after the last bar): a
     * rebuild holds a hundred thousand events' entries in memory before it writes them, and a document of four fields
     * each was five objects more for the garbage collector to copy. Only the tenant id, last, may hold a bar.
     */
    static String entry(String occurredOn, String recordedAt, String type, String tenantId) {
        return occurredOn + "|" + recordedAt + "|" + type + "|" + (tenantId == null ? "" : tenantId);
    }

    /** An entry's four parts as {@link #entry} joined them, the tenant id null when there is none. */
    static String[] parts(String entry) {
        String[] parts = entry.split("\\|", 4);
        if (parts[3].isEmpty()) {
            parts[3] = null;
        }
        return parts;
    }

    /** The global index an entry's key names. */
    static long position(String key) {
        return Long.parseLong(key, ENTRY_PREFIX.length(), key.length(), 10);
    }

    static String monthId(String incubatorId, String month) {
        return incubatorId + "|" + month;
    }

    /**
     * As many segments as configured: entries are set under their own keys and counts only added to, under each
     * segment's own batch guard. The index documents change all through the history, so a rebuild writes them once.
     */
    @Configuration(proxyBeanMethods = false)
    static class Definition {
        @Bean
        Projection incubatorHistoryProjection() {
            return Projection.of(IncubatorHistoryProjection.class, store -> new IncubatorHistoryProjection(), MONTHS,
                                 INDEX).keepingInMemory(INDEX).segmentedByAggregate();
        }
    }
}
