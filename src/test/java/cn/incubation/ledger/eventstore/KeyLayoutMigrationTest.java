package cn.incubation.ledger.eventstore;

import cn.incubation.ledger.mongo.EmbeddedMongo;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static cn.incubation.ledger.eventstore.MongoEventStorageEngine.AGGREGATE_FIRST;
import static cn.incubation.ledger.eventstore.MongoEventStorageEngine.APPEND;
import static cn.incubation.ledger.eventstore.MongoEventStorageEngine.FIRST;
import static cn.incubation.ledger.eventstore.MongoEventStorageEngine.FORMAT_ID;
import static cn.incubation.ledger.eventstore.MongoEventStorageEngine.ID;
import static cn.incubation.ledger.eventstore.MongoEventStorageEngine.KEY;
import static cn.incubation.ledger.eventstore.MongoEventStorageEngine.KEY_LAYOUT;
import static cn.incubation.ledger.eventstore.MongoEventStorageEngine.LAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A store written with keys {@code "<sequence>@<aggregate>"} is rewritten to the aggregate-first layout once. */
class KeyLayoutMigrationTest {

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
    void keysOfAnOldStoreAreRewrittenOnceAndItsAggregatesReadAsBefore() {
        // The store as the engine left it before: old keys, no layout marker; aggregate "b#1" is only there to see
        // that a '#' inside an aggregate identifier does not confuse the new keys.
        events.createIndex(Indexes.ascending(KEY), new IndexOptions().unique(true).name("key_unique"));
        List<Document> old = new ArrayList<>();
        long index = 0;
        for (String aggregate : List.of("a", "b#1")) {
            ObjectId append = new ObjectId();
            long first = index + 1;
            for (long sequence = 0; sequence < 3; sequence++) {
                old.add(MongoEventStorageEngine.toDocument(event(aggregate, sequence), serializer)
                                               .append(KEY, sequence + "@" + aggregate)
                                               .append(ID, ++index).append(APPEND, append)
                                               .append(FIRST, first).append(LAST, first + 2));
            }
        }
        events.insertMany(old);
        database.getCollection("counters").insertOne(new Document(ID, "events").append("next", index));

        MongoEventStorageEngine engine = engine();

        assertThat(events.find(Filters.eq(KEY, "a#2")).first()).isNotNull();
        assertThat(events.find(Filters.eq(KEY, "b#1#0")).first()).isNotNull();
        assertThat(events.find(Filters.eq(KEY, "2@a")).first()).isNull();
        Document format = database.getCollection("counters").find(Filters.eq(ID, FORMAT_ID)).first();
        assertThat(format).isNotNull();
        assertThat(format.getString(KEY_LAYOUT)).isEqualTo(AGGREGATE_FIRST);
        assertThat(sequences(engine, "a")).containsExactly(0L, 1L, 2L);
        assertThat(sequences(engine, "b#1")).containsExactly(0L, 1L, 2L);
        assertThat(engine.lastSequenceNumberFor("b#1")).isEqualTo(Optional.of(2L));
        // The unique key still guards the migrated sequences.
        assertThatThrownBy(() -> engine.appendEvents(event("a", 2)))
                .isInstanceOf(ConcurrencyException.class);
        engine.appendEvents(event("a", 3));
        assertThat(sequences(engine, "a")).containsExactly(0L, 1L, 2L, 3L);

        // Marked: a second engine neither scans nor rewrites anything.
        events.updateOne(Filters.eq(KEY, "a#0"), new Document("$set", new Document(KEY, "left alone")));
        engine();
        assertThat(events.find(Filters.eq(KEY, "left alone")).first()).isNotNull();
    }

    private MongoEventStorageEngine engine() {
        return MongoEventStorageEngine.builder().database(database).eventSerializer(serializer)
                                      .snapshotSerializer(serializer).build();
    }

    private static List<Long> sequences(MongoEventStorageEngine engine, String aggregate) {
        DomainEventStream stream = engine.readEvents(aggregate);
        List<Long> sequences = new ArrayList<>();
        stream.forEachRemaining(event -> sequences.add(event.getSequenceNumber()));
        return sequences;
    }

    private static DomainEventMessage<String> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("Tenant", aggregate, sequence, "payload " + sequence);
    }
}
