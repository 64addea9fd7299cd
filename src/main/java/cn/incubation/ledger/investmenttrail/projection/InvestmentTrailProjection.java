package cn.incubation.ledger.investmenttrail.projection;

import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorRegistered;
import cn.incubation.ledger.projector.Projection;
import cn.incubation.ledger.projector.ProjectionBatch;
import cn.incubation.ledger.projector.ProjectionStore;
import cn.incubation.ledger.shared.Decimals;
import cn.incubation.ledger.projector.RecordTime;
import cn.incubation.ledger.tenant.Round;
import cn.incubation.ledger.tenant.TenantEvent.InvestmentCorrected;
import cn.incubation.ledger.tenant.TenantEvent.InvestmentReceived;
import cn.incubation.ledger.tenant.TenantEvent.InvestmentRetracted;
import cn.incubation.ledger.tenant.TenantEvent.TenantAdmitted;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * Keeps every version of every investment in its tenant's document, each with its record time, so that a trail can
 * be read as known at any instant; carriers and investors get index documents listing the tenants to read.
 * <p>
 * Versions are keyed by the event's sequence number within its tenant and index entries are set, never added, so
 * every write is a function of the event alone: the projection reads nothing back and keeps no cache.
 */
@Component
class InvestmentTrailProjection implements Projection {

    static final String NAME = "investment-trail";
    /** {@code _id = tenantId}: {@code incubatorId}, and {@code investments.<investmentId>.<versionKey>}. */
    static final String TENANTS = "investment_trail";
    /** {@code _id = incubatorId}: {@code tenants.<tenantId> = true} for each tenant that received an investment. */
    static final String INCUBATORS = "investment_trail_incubators";
    /** {@code _id = investor}: {@code tenants.<tenantId> = true} for each tenant the investor was ever named in. */
    static final String INVESTORS = "investment_trail_investors";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> collections() {
        return List.of(TENANTS, INCUBATORS, INVESTORS);
    }

    /** Written only, and changed by events all through the history. */
    @Override
    public Set<String> keptInMemory() {
        return Set.of(INCUBATORS, INVESTORS);
    }

    @Override
    public Handler open(ProjectionStore store) {
        // Writes only: nothing read, nothing kept between events.
        return this::handle;
    }

    private void handle(EventMessage<?> event, ProjectionBatch batch) {
        Object payload = event.getPayload();
        if (payload instanceof IncubatorRegistered e) {
            // Known carriers answer an empty trail rather than 404 until their first investment.
            batch.document(INCUBATORS, e.incubatorId()).set("registeredOn", e.openedOn().toString());
        } else if (payload instanceof TenantAdmitted e) {
            batch.document(TENANTS, e.tenantId()).set("incubatorId", e.incubatorId());
        } else if (payload instanceof InvestmentReceived e) {
            Document version = version(event, "RECEIVED", null)
                    .append("receivedOn", e.receivedOn().toString());
            values(version, e.round(), e.investor(), e.amount(), e.currency(), e.cnyRate());
            record(batch, event, e.tenantId(), e.incubatorId(), e.investmentId(), version, e.investor());
        } else if (payload instanceof InvestmentCorrected e) {
            Document version = version(event, "CORRECTED", e.reason())
                    .append("receivedOn", e.receivedOn().toString());
            values(version, e.round(), e.investor(), e.amount(), e.currency(), e.cnyRate());
            record(batch, event, e.tenantId(), e.incubatorId(), e.investmentId(), version, e.investor());
        } else if (payload instanceof InvestmentRetracted e) {
            record(batch, event, e.tenantId(), e.incubatorId(), e.investmentId(),
                   version(event, "RETRACTED", e.reason()), null);
        }
    }

    private static void record(ProjectionBatch batch, EventMessage<?> event, String tenantId, String incubatorId,
                               String investmentId, Document version, String investor) {
        batch.document(TENANTS, tenantId)
             .set("incubatorId", incubatorId)
             .set("investments." + investmentId + "." + versionKey(event), version);
        batch.document(INCUBATORS, incubatorId).set("tenants." + tenantId, true);
        if (investor != null) {
            batch.document(INVESTORS, investor).set("tenants." + tenantId, true);
        }
    }

    private static Document version(EventMessage<?> event, String kind, String reason) {
        Object actor = event.getMetaData().get("actor");
        return new Document("kind", kind)
                .append("sequence", sequence(event))
                .append("eventId", event.getIdentifier())
                // Text keeps the instant whole; Mongo dates would cut it to milliseconds.
                .append("recordedAt", RecordTime.of(event).toString())
                .append("actor", actor == null ? null : actor.toString())
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

    private static long sequence(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : -1;
    }

    /** A letter first, so that Mongo never reads the key as an array index. */
    private static String versionKey(EventMessage<?> event) {
        return "v" + sequence(event);
    }
}
