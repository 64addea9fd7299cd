package cn.incubation.ledger.projector;

import cn.incubation.ledger.tenant.TenantEvent.HeadcountReported;
import cn.incubation.ledger.web.LedgerServerTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A projection's lag counts the events it has still to apply: a failed append leaves tombstones at the head of the
 * stream, which advance the head but hold nothing to deliver, so once the projections have applied every event their
 * lag is 0 without waiting for the next event to arrive.
 */
class LagTest extends LedgerServerTest {

    @Autowired
    EventStore eventStore;

    @Test
    void aFailedAppendAtTheHeadLeavesNoLag() {
        String incubator = registerIncubator("510104");
        String tenant = admitTenant(incubator);
        awaitProjections();
        long head = projections.head();

        // Sequence 0 is the admission: the append fails on the unique key and is settled with a tombstone.
        assertThatThrownBy(() -> eventStore.publish(new GenericDomainEventMessage<>(
                "Tenant", tenant, 0, new HeadcountReported(tenant, incubator, 5, LocalDate.of(2020, 1, 1)))))
                .isInstanceOf(RuntimeException.class);
        assertThat(projections.head()).as("the failed append reserved an index").isGreaterThan(head);
        assertThat(database.getCollection("events").find(new Document("_id", projections.head())).first()
                           .getBoolean("tombstone")).isTrue();

        awaitProjections();
        for (JsonNode status : http.get("/api/projections").json()) {
            assertThat(status.get("position").asLong()).as(status.get("name").asText()).isLessThan(status.get("head")
                                                                                                        .asLong());
            assertThat(status.get("lag").asLong()).as(status.get("name").asText()).isZero();
        }
    }
}
