package cn.incubation.ledger.security;

import cn.incubation.ledger.tenant.TenantEvent.TenantAdmitted;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the scope checks need to know of a record: whether an id is a carrier's, and which carrier a tenant belongs
 * to. Both come from the record's first event in the event store (one key lookup of its first events, never a scan),
 * not from a read model that may lag behind a command just sent. A tenant's carrier never changes (a move to another
 * carrier is a new incubation), so answers are kept in a bounded map.
 */
@Component
class LedgerRecords {

    private static final int REMEMBERED = 100_000;

    private final EventStore eventStore;
    private final Map<String, Optional<String>> carrierOfTenant = Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Optional<String>> eldest) {
                    return size() > REMEMBERED;
                }
            });

    LedgerRecords(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Whether {@code id} names a carrier (an incubator of any kind) in the ledger. */
    boolean isCarrier(String id) {
        return first(id).map(event -> "Incubator".equals(event.getType())).orElse(false);
    }

    /** The carrier a tenant was admitted to; empty when {@code id} names no tenant. */
    Optional<String> carrierOf(String tenantId) {
        Optional<String> known = carrierOfTenant.get(tenantId);
        if (known != null) {
            return known;
        }
        Optional<String> carrier = first(tenantId).map(DomainEventMessage::getPayload)
                                                  .filter(TenantAdmitted.class::isInstance)
                                                  .map(payload -> ((TenantAdmitted) payload).incubatorId());
        if (carrier.isPresent()) {
            // Only what exists is remembered: an unknown id may be admitted a moment later.
            carrierOfTenant.put(tenantId, carrier);
        }
        return carrier;
    }

    private Optional<DomainEventMessage<?>> first(String id) {
        DomainEventStream events = eventStore.readEvents(id, 0);
        return events.hasNext() ? Optional.of(events.peek()) : Optional.empty();
    }
}
