package cn.incubation.ledger.web;

import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Says what kind of record an id belongs to, for a client that used a carrier's id where a tenant's belongs or the
 * reverse: carriers and tenants share one set of ids (the event store's aggregate identifiers), so an id names at
 * most one of them. Asked only on that error path.
 */
@Component
class AggregateKinds {

    /** What {@link #describe} says of an id that nothing holds. */
    static final String NONE = "no record";

    private final EventStore eventStore;

    AggregateKinds(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** "a carrier", "a tenant", or "no record" when nothing holds the id. */
    String describe(String id) {
        DomainEventStream events = eventStore.readEvents(id);
        if (!events.hasNext()) {
            return NONE;
        }
        return switch (events.peek().getType()) {
            case "Incubator" -> "a carrier";
            case "Tenant" -> "a tenant";
            default -> "a " + events.peek().getType();
        };
    }
}
