package cn.incubation.ledger.eventstore;

import cn.incubation.ledger.mongo.EmbeddedMongo;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static cn.incubation.ledger.eventstore.EventSchema.ID;
import static org.assertj.core.api.Assertions.assertThat;

/** Events in the compact layout, and snapshots in the full one, read back whole. */
class CompactLayoutTest {

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private MongoDatabase database;
    private MongoCollection<Document> events;

    @BeforeEach
    void setUp() {
        database = EmbeddedMongo.freshDatabase();
        events = database.getCollection("events");
    }

    @AfterEach
    void tearDown() {
        database.drop();
    }

    @Test
    void compactEventsReadBackWholeInAFreshEngine() {
        Instant timestamp = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DomainEventMessage<String> text = new GenericDomainEventMessage<>("Thing", "a", 0, "zero",
                                                                          MetaData.with("actor", "someone"), "id-0",
                                                                          timestamp);
        DomainEventMessage<Integer> number = new GenericDomainEventMessage<>("Thing", "a#b", 0, 7);
        EventMessage<Long> unattached = GenericDomainEventMessage.asEventMessage(42L);
        engine().appendEvents(text, number, unattached);

        Document stored = events.find(Filters.eq(ID, 1L)).first();
        assertThat(stored).doesNotContainKeys("aggregateIdentifier", "sequenceNumber", "payloadType", "append",
                                              "first", "last", "timestamp", "payloadRevision");
        assertThat(stored.get("ts")).isEqualTo(timestamp.toEpochMilli());

        MongoEventStorageEngine fresh = engine();
        List<? extends DomainEventMessage<?>> read = fresh.readEvents("a").asStream().toList();
        assertThat(read).hasSize(1);
        DomainEventMessage<?> first = read.get(0);
        assertThat(first.getPayload()).isEqualTo("zero");
        assertThat(first.getIdentifier()).isEqualTo("id-0");
        assertThat(first.getTimestamp()).isEqualTo(timestamp);
        assertThat(first.getType()).isEqualTo("Thing");
        assertThat(first.getMetaData()).containsEntry("actor", "someone");
        assertThat(fresh.readEvents("a#b").asStream().map(m -> (Object) m.getPayload()).toList()).containsExactly(7);
        assertThat(fresh.readEvents(null, false).map(m -> (Object) m.getPayload()).toList())
                .containsExactly("zero", 7, 42L);
        assertThat(fresh.lastSequenceNumberFor("a#b")).contains(0L);
    }

    @Test
    void snapshotsKeepTheFullFieldNamesAndReadBackInAFreshEngine() {
        MongoEventStorageEngine engine = engine();
        engine.appendEvents(event("a", 0), event("a", 1));
        engine.storeSnapshot(new GenericDomainEventMessage<>("Thing", "a", 1, "state-1"));

        Document stored = database.getCollection("snapshots").find(Filters.eq(ID, "a")).first();
        assertThat(stored).containsKeys("aggregateIdentifier", "sequenceNumber", "type", "eventIdentifier",
                                        "timestamp", "payloadType", "payload", "metaData");
        DomainEventMessage<?> snapshot = engine().readSnapshot("a").orElseThrow();
        assertThat(snapshot.getPayload()).isEqualTo("state-1");
        assertThat(snapshot.getSequenceNumber()).isEqualTo(1L);
        assertThat(snapshot.getAggregateIdentifier()).isEqualTo("a");
    }

    private static DomainEventMessage<String> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("Thing", aggregate, sequence, aggregate + sequence);
    }

    private MongoEventStorageEngine engine() {
        return MongoEventStorageEngine.builder().database(database).eventSerializer(serializer)
                                      .snapshotSerializer(serializer).build();
    }
}
