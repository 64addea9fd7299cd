package cn.incubation.ledger.warnings.projection;

import cn.incubation.ledger.incubator.IncubatorEvent;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorAccredited;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorClosed;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorRated;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorRegistered;
import cn.incubation.ledger.projector.Projection;
import cn.incubation.ledger.projector.ProjectionBatch;
import cn.incubation.ledger.projector.RecordTime;
import cn.incubation.ledger.tenant.TenantEvent;
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
 * Keeps, per carrier, what the warnings are judged from, with business dates and record times: the carrier's kind,
 * accreditations, ratings and closure, and for each of its tenants one short text of its admission (date, founding
 * date, team or company, sector) and one of its end. Per division, the ids of its carriers. A region's warnings are
 * then one {@code _id $in} over the divisions it covers and one over their carriers, judged in memory under the rules
 * in force on the date asked: the rules stay out of what is stored, so an edited rule file needs no rebuild.
 * <p>
 * Every write is a function of the event alone, to a field of its own: the projection reads nothing back.
 */
@ProcessingGroup(WarningsProjection.NAME)
class WarningsProjection {

    static final String NAME = "warnings";
    /** {@code _id = incubatorId}: {@code reg}, {@code f.v<sequence>} and {@code t.<tenantId>.a} / {@code .e}. */
    static final String CARRIERS = "warning_carriers";
    /** {@code _id = division code}: {@code c.<incubatorId>} = when the carrier's registration was recorded. */
    static final String DIVISIONS = "warning_divisions";

    @EventHandler
    void on(IncubatorRegistered registered, DomainEventMessage<?> event, ProjectionBatch batch) {
        String recordedAt = RecordTime.of(event).toString();
        batch.document(CARRIERS, registered.incubatorId())
             .set("reg", new Document("kind", registered.kind().name()).append("region", registered.regionCode())
                                                                        .append("recordedAt", recordedAt));
        batch.document(DIVISIONS, registered.regionCode()).set("c." + registered.incubatorId(), recordedAt);
    }

    @EventHandler
    void on(IncubatorAccredited accredited, DomainEventMessage<?> event, ProjectionBatch batch) {
        fact(accredited, event, batch, CarrierRecord.ACCREDITED, accredited.level().name());
    }

    @EventHandler
    void on(IncubatorRated rated, DomainEventMessage<?> event, ProjectionBatch batch) {
        fact(rated, event, batch, CarrierRecord.RATED, rated.rating().name());
    }

    @EventHandler
    void on(IncubatorClosed closed, DomainEventMessage<?> event, ProjectionBatch batch) {
        fact(closed, event, batch, CarrierRecord.CLOSED, "");
    }

    @EventHandler
    void on(TenantAdmitted admitted, DomainEventMessage<?> event, ProjectionBatch batch) {
        tenant(admitted, "a", CarrierRecord.admission(admitted.admittedOn(), RecordTime.of(event).toString(),
                                                      admitted.foundedOn(), admitted.isTeam(), admitted.sector()),
               batch);
    }

    @EventHandler
    void on(TenantGraduated graduated, DomainEventMessage<?> event, ProjectionBatch batch) {
        tenant(graduated, "e", CarrierRecord.end(graduated.graduatedOn(), RecordTime.of(event).toString()), batch);
    }

    @EventHandler
    void on(TenantWithdrawn withdrawn, DomainEventMessage<?> event, ProjectionBatch batch) {
        tenant(withdrawn, "e", CarrierRecord.end(withdrawn.withdrawnOn(), RecordTime.of(event).toString()), batch);
    }

    private static void fact(IncubatorEvent payload, DomainEventMessage<?> event, ProjectionBatch batch, String type,
                             String value) {
        batch.document(CARRIERS, payload.incubatorId())
             .set("f.v" + event.getSequenceNumber(), CarrierRecord.fact(type, payload.occurredOn(),
                                                                         RecordTime.of(event).toString(), value));
    }

    private static void tenant(TenantEvent payload, String part, String text, ProjectionBatch batch) {
        batch.document(CARRIERS, payload.incubatorId()).set("t." + payload.tenantId() + "." + part, text);
    }

    /**
     * As many segments as configured: each field is written by the events of one aggregate, so the segments of a
     * carrier and of its tenants may share its document. Both collections change all through the history, so a
     * rebuild writes them once.
     */
    @Configuration(proxyBeanMethods = false)
    static class Definition {
        @Bean
        Projection warningsProjection() {
            return Projection.of(WarningsProjection.class, store -> new WarningsProjection(), CARRIERS, DIVISIONS)
                             .keepingInMemory(CARRIERS, DIVISIONS).segmentedByAggregate();
        }
    }
}
