package cn.incubation.ledger.incubatorstate.projection;

import cn.incubation.ledger.incubator.IncubatorEvent;
import cn.incubation.ledger.projector.Projection;
import cn.incubation.ledger.projector.ProjectionBatch;
import cn.incubation.ledger.projector.ProjectionStore;
import cn.incubation.ledger.shared.Decimals;
import cn.incubation.ledger.projector.RecordTime;
import cn.incubation.ledger.tenant.TenantEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;

/**
 * Keeps each carrier's own facts (with business dates and record times) and the ids of its tenants (with the time
 * each admission was recorded) in one document per carrier, so a carrier's state on any date as known at any instant
 * is worked out from one key lookup plus its tenants' states. Every write is a function of the event alone.
 */
@Component
class IncubatorStateProjection implements Projection {

    static final String NAME = "incubator-state";
    /** {@code _id = incubatorId}: {@code facts.v<sequence>} and {@code tenants.<tenantId>}. */
    static final String CARRIERS = "incubator_state";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> collections() {
        return List.of(CARRIERS);
    }

    /** Written only, and changed by events all through the history. */
    @Override
    public Set<String> keptInMemory() {
        return Set.of(CARRIERS);
    }

    @Override
    public Handler open(ProjectionStore store) {
        // Writes only: nothing read, nothing kept between events.
        return this::handle;
    }

    private void handle(EventMessage<?> event, ProjectionBatch batch) {
        String recordedAt = RecordTime.of(event).toString();
        if (event.getPayload() instanceof TenantEvent.TenantAdmitted admitted) {
            batch.document(CARRIERS, admitted.incubatorId()).set("tenants." + admitted.tenantId(), recordedAt);
            return;
        }
        if (!(event.getPayload() instanceof IncubatorEvent payload) || !(event instanceof DomainEventMessage<?> d)) {
            return;
        }
        Document fact = new Document("type", payload.getClass().getSimpleName()).append("sequence", d.getSequenceNumber())
                                                                                 .append("occurredOn", payload.occurredOn().toString())
                                                                                 .append("recordedAt", recordedAt);
        if (payload instanceof IncubatorEvent.IncubatorRegistered r) {
            fact.append("name", r.name()).append("kind", r.kind().name()).append("regionCode", r.regionCode())
                .append("operator", r.operator())
                .append("floorAreaM2", Decimals.sane("floorAreaM2", r.floorAreaM2()).toPlainString())
                .append("staff", r.staff());
        } else if (payload instanceof IncubatorEvent.IncubatorAccredited a) {
            fact.append("level", a.level().name());
        } else if (payload instanceof IncubatorEvent.FloorAreaChanged f) {
            fact.append("floorAreaM2", Decimals.sane("floorAreaM2", f.floorAreaM2()).toPlainString());
        } else if (payload instanceof IncubatorEvent.StaffReported s) {
            fact.append("staff", s.staff());
        } else if (!(payload instanceof IncubatorEvent.IncubatorClosed)) {
            return;
        }
        batch.document(CARRIERS, payload.incubatorId()).set("facts.v" + d.getSequenceNumber(), fact);
    }
}
