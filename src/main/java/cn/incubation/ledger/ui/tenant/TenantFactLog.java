package cn.incubation.ledger.ui.tenant;

import cn.incubation.ledger.shared.CommandMetadata;
import cn.incubation.ledger.projector.RecordTime;
import cn.incubation.ledger.tenant.TenantEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A tenant's facts as recorded by an instant, in the order they happened (business date, then record time): read from
 * the tenant's own event stream, so a tenant's page costs its own events, not its carrier's timeline.
 */
@Component
class TenantFactLog {

    /** One fact: when it happened, when the ledger learned it, who recorded it, and the event itself. */
    record Fact(LocalDate occurredOn, Instant recordedAt, String actor, long sequence, TenantEvent event) {

        String type() {
            return event.getClass().getSimpleName();
        }
    }

    private static final Comparator<Fact> IN_ORDER = Comparator.comparing(Fact::occurredOn)
                                                                .thenComparing(Fact::recordedAt)
                                                                .thenComparingLong(Fact::sequence);

    private final EventStore events;

    TenantFactLog(EventStore events) {
        this.events = events;
    }

    /** The tenant's facts recorded by {@code knownAt}, oldest business date first; none for an unknown tenant. */
    List<Fact> facts(String tenantId, Instant knownAt) {
        List<Fact> facts = new ArrayList<>();
        DomainEventStream stream = events.readEvents(tenantId);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (!(message.getPayload() instanceof TenantEvent event)) {
                continue;
            }
            Instant recordedAt = RecordTime.of(message);
            if (recordedAt.isAfter(knownAt)) {
                continue;
            }
            facts.add(new Fact(event.occurredOn(), recordedAt, CommandMetadata.actor(message),
                               message.getSequenceNumber(), event));
        }
        facts.sort(IN_ORDER);
        return facts;
    }
}
