package cn.incubation.ledger.incubatorstate.projection;

import cn.incubation.ledger.incubator.IncubatorEvent;
import cn.incubation.ledger.incubator.IncubatorEvent.FloorAreaChanged;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorAccredited;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorClosed;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorRated;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorRegistered;
import cn.incubation.ledger.incubator.IncubatorEvent.StaffReported;
import cn.incubation.ledger.projector.Projection;
import cn.incubation.ledger.projector.ProjectionBatch;
import cn.incubation.ledger.projector.RecordTime;
import cn.incubation.ledger.shared.Decimals;
import cn.incubation.ledger.tenant.TenantEvent.TenantAdmitted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps each carrier's own facts (with business dates and record times) and the ids of its tenants (with the time
 * each admission was recorded) in one document per carrier, so a carrier's state on any date as known at any instant
 * is worked out from one key lookup plus its tenants' states. Every write is a function of the event alone: the
 * projection reads nothing back and keeps nothing between events.
 */
@ProcessingGroup(IncubatorStateProjection.NAME)
class IncubatorStateProjection {

    static final String NAME = "incubator-state";
    /** {@code _id = incubatorId}: {@code facts.v<sequence>} and {@code tenants.<tenantId>}. */
    static final String CARRIERS = "incubator_state";

    @EventHandler
    void on(TenantAdmitted admitted, DomainEventMessage<?> event, ProjectionBatch batch) {
        batch.document(CARRIERS, admitted.incubatorId()).set("tenants." + admitted.tenantId(),
                                                             RecordTime.of(event).toString());
    }

    @EventHandler
    void on(IncubatorRegistered registered, DomainEventMessage<?> event, ProjectionBatch batch) {
        record(registered, event, batch, fact(registered, event)
                .append("name", registered.name()).append("kind", registered.kind().name())
                .append("regionCode", registered.regionCode()).append("operator", registered.operator())
                .append("floorAreaM2", Decimals.sane("floorAreaM2", registered.floorAreaM2()).toPlainString())
                .append("staff", registered.staff()));
    }

    @EventHandler
    void on(IncubatorAccredited accredited, DomainEventMessage<?> event, ProjectionBatch batch) {
        record(accredited, event, batch, fact(accredited, event).append("level", accredited.level().name()));
    }

    @EventHandler
    void on(FloorAreaChanged changed, DomainEventMessage<?> event, ProjectionBatch batch) {
        record(changed, event, batch, fact(changed, event)
                .append("floorAreaM2", Decimals.sane("floorAreaM2", changed.floorAreaM2()).toPlainString()));
    }

    @EventHandler
    void on(StaffReported reported, DomainEventMessage<?> event, ProjectionBatch batch) {
        record(reported, event, batch, fact(reported, event).append("staff", reported.staff()));
    }

    @EventHandler
    void on(IncubatorRated rated, DomainEventMessage<?> event, ProjectionBatch batch) {
        record(rated, event, batch, fact(rated, event).append("year", rated.year())
                                                      .append("rating", rated.rating().name()));
    }

    @EventHandler
    void on(IncubatorClosed closed, DomainEventMessage<?> event, ProjectionBatch batch) {
        record(closed, event, batch, fact(closed, event));
    }

    private static Document fact(IncubatorEvent payload, DomainEventMessage<?> event) {
        return new Document("type", payload.getClass().getSimpleName())
                .append("sequence", event.getSequenceNumber())
                .append("occurredOn", payload.occurredOn().toString())
                .append("recordedAt", RecordTime.of(event).toString());
    }

    private static void record(IncubatorEvent payload, DomainEventMessage<?> event, ProjectionBatch batch,
                               Document fact) {
        batch.document(CARRIERS, payload.incubatorId()).set("facts.v" + event.getSequenceNumber(), fact);
    }

    /**
     * As many segments as configured: every write sets a field of its own, so the segments of two aggregates may share
     * a carrier's document. Carriers' documents change all through the history, so a rebuild writes them once.
     * Version 2 keeps the annual ratings.
     */
    @Configuration(proxyBeanMethods = false)
    static class Definition {
        @Bean
        Projection incubatorStateProjection() {
            return Projection.of(IncubatorStateProjection.class, store -> new IncubatorStateProjection(), CARRIERS)
                             .keepingInMemory(CARRIERS).segmentedByAggregate().atVersion(2);
        }
    }
}
