package cn.incubation.ledger.tenantstate.projection;

import cn.incubation.ledger.projector.Projection;
import cn.incubation.ledger.projector.ProjectionBatch;
import cn.incubation.ledger.projector.RecordTime;
import cn.incubation.ledger.tenant.TenantEvent;
import cn.incubation.ledger.tenant.TenantEvent.CompanyRegistered;
import cn.incubation.ledger.tenant.TenantEvent.HeadcountReported;
import cn.incubation.ledger.tenant.TenantEvent.IpGranted;
import cn.incubation.ledger.tenant.TenantEvent.MilestoneLogged;
import cn.incubation.ledger.tenant.TenantEvent.TenantAdmitted;
import cn.incubation.ledger.tenant.TenantEvent.TenantGraduated;
import cn.incubation.ledger.tenant.TenantEvent.TenantWithdrawn;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps each tenant's facts, with their business dates and record times, in one document per tenant, so that its
 * state on any date as known at any instant is worked out in memory from one key lookup. The admission is a document
 * with the company's names; every other fact is one text ({@link TenantFacts#text}). Investments are left to the
 * investment trail, which already resolves their corrections by record time.
 * <p>
 * Facts are keyed by the event's sequence number within its tenant, so every write is a function of the event alone:
 * the projection reads nothing back and keeps no cache.
 */
@ProcessingGroup(TenantStateProjection.NAME)
class TenantStateProjection {

    static final String NAME = "tenant-state";
    /** {@code _id = tenantId}: {@code facts.v<sequence>} holds each fact. */
    static final String TENANTS = "tenant_state";

    @EventHandler
    void on(TenantAdmitted admitted, DomainEventMessage<?> event, ProjectionBatch batch) {
        // Text keeps the instant whole; Mongo dates would cut it to milliseconds.
        Document fact = new Document("type", admitted.getClass().getSimpleName())
                .append("sequence", event.getSequenceNumber())
                .append("occurredOn", admitted.occurredOn().toString())
                .append("recordedAt", RecordTime.of(event).toString())
                .append("incubatorId", admitted.incubatorId())
                .append("companyName", admitted.companyName())
                .append("creditCode", admitted.creditCode()).append("sector", admitted.sector())
                .append("foundedOn", admitted.foundedOn() == null ? null : admitted.foundedOn().toString());
        if (admitted.isTeam()) {
            fact.append("teamName", admitted.teamName());
        }
        record(admitted, event, batch, fact);
    }

    @EventHandler
    void on(CompanyRegistered registered, DomainEventMessage<?> event, ProjectionBatch batch) {
        record(registered, event, batch, new Document("type", registered.getClass().getSimpleName())
                .append("sequence", event.getSequenceNumber())
                .append("occurredOn", registered.occurredOn().toString())
                .append("recordedAt", RecordTime.of(event).toString())
                .append("companyName", registered.companyName())
                .append("creditCode", registered.creditCode()));
    }

    @EventHandler
    void on(IpGranted granted, DomainEventMessage<?> event, ProjectionBatch batch) {
        record(granted, event, batch, text(granted, event, granted.kind().name()));
    }

    @EventHandler
    void on(HeadcountReported reported, DomainEventMessage<?> event, ProjectionBatch batch) {
        record(reported, event, batch, text(reported, event, Integer.toString(reported.employees())));
    }

    @EventHandler
    void on(MilestoneLogged logged, DomainEventMessage<?> event, ProjectionBatch batch) {
        record(logged, event, batch, text(logged, event, logged.kind().name()));
    }

    @EventHandler
    void on(TenantGraduated graduated, DomainEventMessage<?> event, ProjectionBatch batch) {
        record(graduated, event, batch, text(graduated, event, ""));
    }

    @EventHandler
    void on(TenantWithdrawn withdrawn, DomainEventMessage<?> event, ProjectionBatch batch) {
        record(withdrawn, event, batch, text(withdrawn, event, ""));
    }

    private static String text(TenantEvent payload, DomainEventMessage<?> event, String value) {
        return TenantFacts.text(payload.getClass().getSimpleName(), payload.occurredOn(),
                                RecordTime.of(event).toString(), value);
    }

    private static void record(TenantEvent payload, DomainEventMessage<?> event, ProjectionBatch batch, Object fact) {
        batch.document(TENANTS, payload.tenantId()).set("facts.v" + event.getSequenceNumber(), fact);
    }

    /**
     * As many segments as configured: each document is one tenant's, written by its own events only. Version 2 keeps
     * the admitted company's founding date.
     */
    @Configuration(proxyBeanMethods = false)
    static class Definition {
        @Bean
        Projection tenantStateProjection() {
            return Projection.of(TenantStateProjection.class, store -> new TenantStateProjection(), TENANTS)
                             .keepingInMemory(TENANTS).segmentedByAggregate().atVersion(2);
        }
    }
}
