package cn.incubation.ledger.eventstore;

import cn.incubation.ledger.mongo.EmbeddedMongo;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Global indexes from an in-process counter: where it starts after a restart, and what a second writer meets. */
class SingleWriterAllocationTest {

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private MongoDatabase database;

    @BeforeEach
    void setUp() {
        database = EmbeddedMongo.freshDatabase();
    }

    @AfterEach
    void tearDown() {
        database.drop();
    }

    @Test
    void restartContinuesAfterTheHighestStoredIndexEvenWhenTheCounterDocumentLagsBehind() {
        MongoEventStorageEngine first = engine(MongoEventStorageEngine.IndexAllocation.SINGLE_WRITER);
        for (int i = 0; i < 1_500; i++) {
            first.appendEvents(event("a", i));
        }
        // The counter document is only brought up to date now and then; a crash leaves it behind.
        database.getCollection("counters").updateOne(new Document("_id", "events"),
                                                     new Document("$set", new Document("next", 7L)));

        MongoEventStorageEngine restarted = engine(MongoEventStorageEngine.IndexAllocation.SINGLE_WRITER);
        restarted.appendEvents(event("a", 1_500));

        Document stored = database.getCollection("events").find(new Document("_id", 1_501L)).first();
        assertThat(stored).isNotNull();
        assertThat(stored.getString("key")).isEqualTo(MongoEventStorageEngine.key("a", 1_500L));
        assertThat(restarted.readEvents("a").asStream()).hasSize(1_501);
    }

    @Test
    void secondWriterCollidingOnAnIndexCatchesUpAndNothingIsLost() {
        MongoEventStorageEngine one = engine(MongoEventStorageEngine.IndexAllocation.SINGLE_WRITER);
        MongoEventStorageEngine two = engine(MongoEventStorageEngine.IndexAllocation.SINGLE_WRITER);

        one.appendEvents(event("x", 0), event("x", 1));
        // The second engine still believes index 1 is free: its append collides, catches up and lands after.
        two.appendEvents(event("y", 0));
        one.appendEvents(event("x", 2));

        List<? extends TrackedEventMessage<?>> all = one.readEvents(null, false).toList();
        assertThat(all.stream().map(m -> (Object) m.getPayload()).toList()).containsExactlyInAnyOrder("x0", "x1", "y0", "x2");
        assertThat(all).extracting(m -> ((GapAwareTrackingToken) m.trackingToken()).getIndex()).doesNotHaveDuplicates();
    }

    @Test
    void sharedCounterEnginesNeverCollide() {
        MongoEventStorageEngine one = engine(MongoEventStorageEngine.IndexAllocation.SHARED_COUNTER);
        MongoEventStorageEngine two = engine(MongoEventStorageEngine.IndexAllocation.SHARED_COUNTER);

        one.appendEvents(event("x", 0), event("x", 1));
        two.appendEvents(event("y", 0));

        assertThat(database.getCollection("events").countDocuments(new Document("tombstone", true))).isZero();
        assertThat(one.readEvents(null, false)).hasSize(3);
    }

    private MongoEventStorageEngine engine(MongoEventStorageEngine.IndexAllocation allocation) {
        return MongoEventStorageEngine.builder().database(database).eventSerializer(serializer)
                                      .snapshotSerializer(serializer).indexAllocation(allocation).build();
    }

    private static GenericDomainEventMessage<String> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("Test", aggregate, sequence, aggregate + sequence);
    }
}
