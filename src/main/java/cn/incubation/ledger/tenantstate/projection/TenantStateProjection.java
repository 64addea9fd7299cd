package cn.incubation.ledger.tenantstate.projection;

import cn.incubation.ledger.projector.Projection;
import cn.incubation.ledger.projector.ProjectionBatch;
import cn.incubation.ledger.projector.ProjectionStore;
import cn.incubation.ledger.projector.RecordTime;
import cn.incubation.ledger.tenant.TenantEvent;
import cn.incubation.ledger.tenant.TenantEvent.HeadcountReported;
import cn.incubation.ledger.tenant.TenantEvent.IpGranted;
import cn.incubation.ledger.tenant.TenantEvent.MilestoneLogged;
import cn.incubation.ledger.tenant.TenantEvent.TenantAdmitted;
import cn.incubation.ledger.tenant.TenantEvent.TenantGraduated;
import cn.incubation.ledger.tenant.TenantEvent.TenantWithdrawn;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;

/**
 * Keeps each tenant's facts, with their business dates and record times, in one document per tenant, so that its
 * state on any date as known at any instant is worked out in memory from one key lookup. The admission is a document
 * with the company's names; every other fact is one text ({@link TenantFacts#text}). Investments are left to the
 * investment trail, which already resolves their corrections by record time.
 * <p>
 * Facts are keyed by the event's sequence number within its tenant, so every write is a function of the event alone:
 * the projection reads nothing back and keeps no cache.
 */
@Component
class TenantStateProjection implements Projection {

    static final String NAME = "tenant-state";
    /** {@code _id = tenantId}: {@code facts.v<sequence>} holds each fact. */
    static final String TENANTS = "tenant_state";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> collections() {
        return List.of(TENANTS);
    }

    /** Written only, and changed by events all through the history. */
    @Override
    public Set<String> keptInMemory() {
        return Set.of(TENANTS);
    }

    /** Each document is one tenant's, written by its own events only. */
    @Override
    public int maxSegments() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Handler open(ProjectionStore store) {
        // Writes only: nothing read, nothing kept between events.
        return this::handle;
    }

    private void handle(EventMessage<?> event, ProjectionBatch batch) {
        if (!(event.getPayload() instanceof TenantEvent payload) || !(event instanceof DomainEventMessage<?> domain)) {
            return;
        }
        String type = payload.getClass().getSimpleName();
        // Text keeps the instant whole; Mongo dates would cut it to milliseconds.
        String recordedAt = RecordTime.of(event).toString();
        Object fact;
        if (payload instanceof TenantAdmitted e) {
            fact = new Document("type", type).append("sequence", domain.getSequenceNumber())
                                             .append("occurredOn", e.occurredOn().toString())
                                             .append("recordedAt", recordedAt)
                                             .append("incubatorId", e.incubatorId())
                                             .append("companyName", e.companyName())
                                             .append("creditCode", e.creditCode()).append("sector", e.sector());
        } else if (payload instanceof IpGranted e) {
            fact = TenantFacts.text(type, e.occurredOn(), recordedAt, e.kind().name());
        } else if (payload instanceof HeadcountReported e) {
            fact = TenantFacts.text(type, e.occurredOn(), recordedAt, Integer.toString(e.employees()));
        } else if (payload instanceof MilestoneLogged e) {
            fact = TenantFacts.text(type, e.occurredOn(), recordedAt, e.kind().name());
        } else if (payload instanceof TenantGraduated || payload instanceof TenantWithdrawn) {
            fact = TenantFacts.text(type, payload.occurredOn(), recordedAt, "");
        } else {
            return;
        }
        batch.document(TENANTS, payload.tenantId()).set("facts.v" + domain.getSequenceNumber(), fact);
    }
}
