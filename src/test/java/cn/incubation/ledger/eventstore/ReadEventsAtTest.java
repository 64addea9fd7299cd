package cn.incubation.ledger.eventstore;

import cn.incubation.ledger.mongo.EmbeddedMongo;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cn.incubation.ledger.eventstore.EventSchema.C_APPEND;
import static cn.incubation.ledger.eventstore.EventSchema.C_RANGE;
import static cn.incubation.ledger.eventstore.EventSchema.EVENT_IDENTIFIER;
import static cn.incubation.ledger.eventstore.EventSchema.ID;
import static cn.incubation.ledger.eventstore.EventSchema.KEY;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link MongoEventStorageEngine#readEventsAt}: the committed events at given global indexes, in index order. */
class ReadEventsAtTest {

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private MongoDatabase database;
    private MongoEventStorageEngine engine;

    @BeforeEach
    void setUp() {
        database = EmbeddedMongo.freshDatabase();
        engine = MongoEventStorageEngine.builder().database(database).eventSerializer(serializer)
                                        .snapshotSerializer(serializer).build();
    }

    @AfterEach
    void tearDown() {
        database.drop();
    }

    @Test
    void readsTheCommittedEventsAtTheIndexesAskedForInIndexOrder() {
        engine.appendEvents(event("a", 0, "first"), event("a", 1, "second"));
        engine.appendEvents(event("b", 0, "third"), event("b", 1, "fourth"), event("a", 2, "fifth"));
        // Index 10 holds the first event of an append whose last event (11) was never written: not committed.
        MongoCollection<Document> events = database.getCollection("events");
        Document pending = new Document(events.find(Filters.eq(ID, 1L)).first());
        pending.put(ID, 10L);
        pending.put(C_APPEND, pending.getLong(C_APPEND) + 1_000);
        pending.put(C_RANGE, EventSchema.range(10, 10, 11));
        pending.put(KEY, "c#0");
        pending.put(EVENT_IDENTIFIER, "pending-event");
        events.insertOne(pending);

        List<TrackedEventMessage<?>> read = engine.readEventsAt(List.of(5L, 2L, 99L, 10L, 4L, 2L));

        assertThat(read).extracting(e -> (Object) e.getPayload()).containsExactly("second", "fourth", "fifth");
        assertThat(read).extracting(e -> e.trackingToken().position().orElseThrow()).containsExactly(2L, 4L, 5L);
        assertThat(read.get(0).getMetaData()).containsEntry("actor", "operator a");
        assertThat(engine.readEventsAt(List.of())).isEmpty();
        assertThat(engine.readEventsAt(List.of(10L, 11L, 12L))).isEmpty();
    }

    private static GenericDomainEventMessage<String> event(String aggregate, long sequence, String payload) {
        return new GenericDomainEventMessage<>("Thing", aggregate, sequence, payload,
                                               MetaData.with("actor", "operator " + aggregate));
    }
}
