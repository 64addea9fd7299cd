package cn.incubation.ledger.investmenttrail.projection;

import cn.incubation.ledger.shared.CommandMetadata;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorRegistered;
import cn.incubation.ledger.projector.Projection;
import cn.incubation.ledger.projector.ProjectionBatch;
import cn.incubation.ledger.shared.Decimals;
import cn.incubation.ledger.projector.RecordTime;
import cn.incubation.ledger.tenant.Round;
import cn.incubation.ledger.tenant.TenantEvent.InvestmentCorrected;
import cn.incubation.ledger.tenant.TenantEvent.InvestmentReceived;
import cn.incubation.ledger.tenant.TenantEvent.InvestmentRetracted;
import cn.incubation.ledger.tenant.TenantEvent.TenantAdmitted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.math.BigDecimal;

/**
 * Keeps every version of every investment in its tenant's document, each with its record time, so that a trail can
 * be read as known at any instant; carriers and investors get index documents listing the tenants to read.
 * <p>
 * Versions are keyed by the event's sequence number within its tenant and index entries are set, never added, so
 * every write is a function of the event alone: the projection reads nothing back and keeps no cache.
 */
@ProcessingGroup(InvestmentTrailProjection.NAME)
class InvestmentTrailProjection {

    static final String NAME = "investment-trail";
    /** {@code _id = tenantId}: {@code incubatorId}, and {@code investments.<investmentId>.<versionKey>}. */
    static final String TENANTS = "investment_trail";
    /** {@code _id = incubatorId}: {@code tenants.<tenantId> = true} for each tenant that received an investment. */
    static final String INCUBATORS = "investment_trail_incubators";
    /** {@code _id = investor}: {@code tenants.<tenantId> = true} for each tenant the investor was ever named in. */
    static final String INVESTORS = "investment_trail_investors";

    /** Known carriers answer an empty trail rather than 404 until their first investment. */
    @EventHandler
    void on(IncubatorRegistered registered, ProjectionBatch batch) {
        batch.document(INCUBATORS, registered.incubatorId()).set("registeredOn", registered.openedOn().toString());
    }

    @EventHandler
    void on(TenantAdmitted admitted, ProjectionBatch batch) {
        batch.document(TENANTS, admitted.tenantId()).set("incubatorId", admitted.incubatorId());
    }

    @EventHandler
    void on(InvestmentReceived received, DomainEventMessage<?> event, ProjectionBatch batch) {
        Document version = version(event, "RECEIVED", null).append("receivedOn", received.receivedOn().toString());
        values(version, received.round(), received.investor(), received.amount(), received.currency(),
               received.cnyRate());
        record(batch, event, received.tenantId(), received.incubatorId(), received.investmentId(), version,
               received.investor());
    }

    @EventHandler
    void on(InvestmentCorrected corrected, DomainEventMessage<?> event, ProjectionBatch batch) {
        Document version = version(event, "CORRECTED", corrected.reason())
                .append("receivedOn", corrected.receivedOn().toString());
        values(version, corrected.round(), corrected.investor(), corrected.amount(), corrected.currency(),
               corrected.cnyRate());
        record(batch, event, corrected.tenantId(), corrected.incubatorId(), corrected.investmentId(), version,
               corrected.investor());
    }

    @EventHandler
    void on(InvestmentRetracted retracted, DomainEventMessage<?> event, ProjectionBatch batch) {
        record(batch, event, retracted.tenantId(), retracted.incubatorId(), retracted.investmentId(),
               version(event, "RETRACTED", retracted.reason()), null);
    }

    private static void record(ProjectionBatch batch, DomainEventMessage<?> event, String tenantId, String incubatorId,
                               String investmentId, Document version, String investor) {
        batch.document(TENANTS, tenantId)
             .set("incubatorId", incubatorId)
             .set("investments." + investmentId + "." + versionKey(event), version);
        batch.document(INCUBATORS, incubatorId).set("tenants." + tenantId, true);
        if (investor != null) {
            batch.document(INVESTORS, investor).set("tenants." + tenantId, true);
        }
    }

    private static Document version(DomainEventMessage<?> event, String kind, String reason) {
        return new Document("kind", kind)
                .append("sequence", event.getSequenceNumber())
                .append("eventId", event.getIdentifier())
                // Text keeps the instant whole; Mongo dates would cut it to milliseconds.
                .append("recordedAt", RecordTime.of(event).toString())
                .append("actor", CommandMetadata.actor(event))
                .append("reason", reason);
    }

    private static void values(Document version, Round round, String investor, BigDecimal amount, String currency,
                               BigDecimal cnyRate) {
        version.append("round", round.name())
               .append("investor", investor)
               .append("amount", Decimals.sane("amount", amount).toPlainString())
               .append("currency", currency)
               .append("cnyRate", Decimals.sane("cnyRate", cnyRate).toPlainString());
    }

    /** A letter first, so that Mongo never reads the key as an array index. */
    private static String versionKey(DomainEventMessage<?> event) {
        return "v" + event.getSequenceNumber();
    }

    /**
     * As many segments as configured: a tenant's document is its own events', and index entries are set, never added.
     * The carrier and investor indexes change all through the history, so a rebuild writes them once.
     */
    @Configuration(proxyBeanMethods = false)
    static class Definition {
        @Bean
        Projection investmentTrailProjection() {
            return Projection.of(InvestmentTrailProjection.class, store -> new InvestmentTrailProjection(), TENANTS,
                                 INCUBATORS, INVESTORS).keepingInMemory(INCUBATORS, INVESTORS).segmentedByAggregate();
        }
    }
}
