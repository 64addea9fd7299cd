package cn.incubation.ledger.eventstore;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The event store in {@code /actuator/health}: UP when its head can be read, with the head's global index and how
 * this node allocates global indexes; DOWN, with the failure, when the store cannot be reached.
 */
@Component("eventStore")
class EventStoreHealthIndicator extends AbstractHealthIndicator {

    private final EventStore eventStore;
    private final EventStoreProperties properties;

    EventStoreHealthIndicator(EventStore eventStore, EventStoreProperties properties) {
        super("The event store's head could not be read");
        this.eventStore = eventStore;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        TrackingToken head = eventStore.createHeadToken();
        builder.up().withDetail("head", head == null ? -1 : head.position().orElse(-1))
               .withDetail("indexAllocation", properties.indexAllocation());
    }
}
