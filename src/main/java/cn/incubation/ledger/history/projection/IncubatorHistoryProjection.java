package cn.incubation.ledger.history.projection;

import cn.incubation.ledger.incubator.IncubatorEvent;
import cn.incubation.ledger.projector.Projection;
import cn.incubation.ledger.projector.ProjectionBatch;
import cn.incubation.ledger.projector.ProjectionStore;
import cn.incubation.ledger.projector.RecordTime;
import cn.incubation.ledger.tenant.TenantEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * Files every fact of a carrier and of its tenants under the carrier and the month it occurred in, and counts them
 * per month and type in one index document per carrier, so that a page of the timeline is two key lookups.
 * <p>
 * Every write is a function of the event alone (entries keyed by event id, counts added under the batch guard), so
 * the projection reads nothing back and keeps no cache.
 */
@Component
class IncubatorHistoryProjection implements Projection {

    static final String NAME = "incubator-history";
    /** {@code _id = "<incubatorId>|2021-03"}: {@code entries.<eventKey>} holds each fact of that month. */
    static final String MONTHS = "incubator_history";
    /** {@code _id = "<incubatorId>"}: {@code months.<2021-03>.<type>} counts the facts of each month and type. */
    static final String INDEX = "incubator_history_index";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> collections() {
        return List.of(MONTHS, INDEX);
    }

    @Override
    public Handler open(ProjectionStore store) {
        // Writes only: nothing read, nothing kept between events.
        return this::handle;
    }

    private void handle(EventMessage<?> event, ProjectionBatch batch) {
        Object payload = event.getPayload();
        String incubatorId;
        String tenantId = null;
        LocalDate occurredOn;
        if (payload instanceof IncubatorEvent e) {
            incubatorId = e.incubatorId();
            occurredOn = e.occurredOn();
        } else if (payload instanceof TenantEvent e) {
            incubatorId = e.incubatorId();
            tenantId = e.tenantId();
            occurredOn = e.occurredOn();
        } else {
            return;
        }
        String month = YearMonth.from(occurredOn).toString();
        String type = payload.getClass().getSimpleName();
        Object actor = event.getMetaData().get("actor");
        Document entry = new Document("eventId", event.getIdentifier())
                .append("occurredOn", occurredOn.toString())
                // Text keeps the instant whole; Mongo dates would cut it to milliseconds.
                .append("recordedAt", RecordTime.of(event).toString())
                .append("position", position(event))
                .append("type", type)
                .append("tenantId", tenantId)
                .append("actor", actor == null ? null : actor.toString())
                .append("summary", Summaries.of(payload))
                .append("fields", EventFields.of((Record) payload));
        batch.document(MONTHS, monthId(incubatorId, month))
             .set("incubatorId", incubatorId)
             .set("month", month)
             .set("entries." + key(event.getIdentifier()), entry);
        batch.document(INDEX, incubatorId).inc("months." + month + "." + type, 1);
    }

    static String monthId(String incubatorId, String month) {
        return incubatorId + "|" + month;
    }

    /** The event's place in the global stream: the last tie-breaker between facts of the same day and instant. */
    private static long position(EventMessage<?> event) {
        if (event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            return tracked.trackingToken().position().orElse(-1);
        }
        return -1;
    }

    /** Event ids are UUIDs; a dot or a leading dollar would make a field name Mongo reads as a path or operator. */
    private static String key(String eventId) {
        return "e" + eventId.replace('.', '_').replace('$', '_');
    }
}
