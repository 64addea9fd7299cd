package cn.incubation.embeddedmongo;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The H2 store keeps all unique indexes of a collection in one map, each index under a tag of its own
 * ({@link OrderedKeyH2Database#openOrCreateUniqueIndex}): indexes must stay apart in it, survive a restart, go with
 * their collection, and be rebuilt from the documents of a store written another way.
 */
class IndexMapTest {

    @TempDir
    Path dataDir;

    @Test
    void indexesSharingOneMapStayApartAndSurviveARestart() {
        try (EmbeddedMongoServer server = start(); MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> things = things(client);
            things.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            things.createIndex(Indexes.ascending("ref"), new IndexOptions().unique(true));
            for (long i = 1; i <= 500; i++) {
                things.insertOne(new Document("_id", i).append("key", "k" + i).append("ref", "r" + i));
            }
            // The same value in two indexes is no conflict: each index has its own keys.
            things.insertOne(new Document("_id", 501L).append("key", "shared").append("ref", "shared"));
            // A regular expression on an indexed field walks that index's keys only.
            assertThat(things.find(Filters.regex("key", Pattern.compile("^k4\\d$"))).into(new ArrayList<>()))
                    .extracting(d -> d.get("_id")).containsExactlyInAnyOrder(40L, 41L, 42L, 43L, 44L, 45L, 46L, 47L,
                                                                             48L, 49L);
            assertThat(things.find(Filters.regex("ref", "^shared$")).into(new ArrayList<>())).hasSize(1);
        }
        try (EmbeddedMongoServer server = start(); MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> things = things(client);
            assertThat(things.find(Filters.eq("key", "k250")).first()).extracting(d -> d.get("_id")).isEqualTo(250L);
            assertThat(things.find(Filters.in("ref", "r7", "r8", "nothing")).into(new ArrayList<>())).hasSize(2);
            assertDuplicate(() -> things.insertOne(new Document("_id", 900L).append("key", "k9").append("ref", "x")));
            assertDuplicate(() -> things.insertOne(new Document("_id", 900L).append("key", "x").append("ref", "r9")));
            assertDuplicate(() -> things.insertOne(new Document("_id", 9L).append("key", "x").append("ref", "y")));

            // Dropping one index frees its keys and leaves the others whole.
            things.insertOne(new Document("_id", 600L).append("key", "k600").append("ref", "gone"));
            things.dropIndex("ref_1");
            things.deleteOne(Filters.eq("_id", 600L));
            things.insertOne(new Document("_id", 901L).append("key", "k901").append("ref", "r9"));
            assertDuplicate(() -> things.insertOne(new Document("_id", 902L).append("key", "k9")));
            assertThat(things.find(Filters.eq("key", "k9")).first()).extracting(d -> d.get("_id")).isEqualTo(9L);
        }
        try (EmbeddedMongoServer server = start(); MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> things = things(client);
            things.insertOne(new Document("_id", 903L).append("key", "k903").append("ref", "r9"));
            // An index created again after a drop starts from the documents, not from the keys it had.
            things.deleteMany(Filters.in("_id", 901L, 903L));
            things.createIndex(Indexes.ascending("ref"), new IndexOptions().unique(true));
            assertDuplicate(() -> things.insertOne(new Document("_id", 904L).append("key", "k904").append("ref", "r9")));
            things.insertOne(new Document("_id", 905L).append("key", "k905").append("ref", "gone"));

            // A collection dropped and made again starts with empty indexes.
            things.drop();
            things.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            things.insertOne(new Document("_id", 1L).append("key", "k2"));
            things.insertOne(new Document("_id", 2L).append("key", "k1"));
            assertThat(things.countDocuments()).isEqualTo(2);
            assertDuplicate(() -> things.insertOne(new Document("_id", 3L).append("key", "k1")));
        }
    }

    @Test
    void aStoreWrittenByTheStockBackendHasItsUniqueIndexesRebuilt() {
        MVStore stockStore = new MVStore.Builder().fileName(dataDir.resolve("store.mv").toString()).open();
        MongoServer stock = new MongoServer(new H2Backend(stockStore));
        try {
            String uri = "mongodb://127.0.0.1:" + stock.bind().getPort();
            try (MongoClient client = MongoClients.create(uri)) {
                MongoCollection<Document> things = things(client);
                things.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
                for (long i = 1; i <= 100; i++) {
                    things.insertOne(new Document("_id", i).append("key", "k" + i));
                }
            }
        } finally {
            stock.shutdownNow();
            stockStore.close();
        }
        try (EmbeddedMongoServer server = start(); MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> things = things(client);
            assertThat(things.find(Filters.eq("key", "k42")).first()).extracting(d -> d.get("_id")).isEqualTo(42L);
            assertDuplicate(() -> things.insertOne(new Document("_id", 500L).append("key", "k42")));
            assertDuplicate(() -> things.insertOne(new Document("_id", 42L).append("key", "new")));
            things.insertOne(new Document("_id", 101L).append("key", "k101"));
        }
    }

    /** ObjectId ids and compound keys: the driver's default ids, and the stock Axon Mongo engine's event index. */
    @Test
    void objectIdsAndCompoundKeysSurviveARestart() {
        List<ObjectId> ids = new ArrayList<>();
        try (EmbeddedMongoServer server = start(); MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> events = client.getDatabase("db").getCollection("events");
            events.createIndex(Indexes.ascending("aggregate", "sequence"), new IndexOptions().unique(true));
            for (int i = 0; i < 300; i++) {
                Document event = new Document("aggregate", "a" + i / 10).append("sequence", i % 10);
                events.insertOne(event);
                ids.add(event.getObjectId("_id"));
            }
        }
        try (EmbeddedMongoServer server = start(); MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> events = client.getDatabase("db").getCollection("events");
            assertThat(events.find(Filters.eq("_id", ids.get(123))).first())
                    .extracting(d -> d.get("aggregate"), d -> d.get("sequence")).containsExactly("a12", 3);
            assertThat(events.find(Filters.in("_id", ids.subList(0, 50))).into(new ArrayList<>())).hasSize(50);
            assertDuplicate(() -> events.insertOne(new Document("_id", ids.get(7)).append("aggregate", "new")));
            assertDuplicate(() -> events.insertOne(new Document("aggregate", "a29").append("sequence", 9)));
            events.insertOne(new Document("aggregate", "a29").append("sequence", 10));
        }
    }

    @Test
    void aTaggedKeyIsReadBackAsWrittenAndOrderedByTagThenKey() {
        OrderedKeyH2Database.TaggedKeyType type = OrderedKeyH2Database.TaggedKeyType.INSTANCE;
        List<OrderedKeyH2Database.TaggedKey> keys = List.of(
                new OrderedKeyH2Database.TaggedKey(1, new KeyValue("孵化器", 3.0)),
                new OrderedKeyH2Database.TaggedKey(1, new KeyValue("b")),
                new OrderedKeyH2Database.TaggedKey(2, new KeyValue(1.0)),
                new OrderedKeyH2Database.TaggedKey(2, new KeyValue(new de.bwaldvogel.mongo.bson.ObjectId(), "x")),
                new OrderedKeyH2Database.TaggedKey(300, new KeyValue("a", "b")));
        WriteBuffer buffer = new WriteBuffer();
        keys.forEach(key -> type.write(buffer, key));
        ByteBuffer written = buffer.getBuffer().flip();
        for (OrderedKeyH2Database.TaggedKey key : keys) {
            OrderedKeyH2Database.TaggedKey read = type.read(written);
            assertThat(read.tag()).isEqualTo(key.tag());
            assertThat(read.key()).isEqualTo(key.key());
            assertThat(type.compare(read, key)).isZero();
        }
        assertThat(written.remaining()).isZero();

        assertThat(type.compare(keys.get(1), keys.get(2))).isNegative();
        assertThat(type.compare(keys.get(2), keys.get(3))).isNegative();
        assertThat(type.compare(keys.get(0), keys.get(1))).isPositive();
        assertThat(type.compare(OrderedKeyH2Database.TaggedKey.first(1), keys.get(1))).isNegative();
        assertThat(type.compare(keys.get(1), OrderedKeyH2Database.TaggedKey.first(2))).isNegative();
    }

    private EmbeddedMongoServer start() {
        return EmbeddedMongoServer.start(EmbeddedMongoServer.Backend.H2, dataDir.resolve("store.mv"), 0, false);
    }

    private static MongoCollection<Document> things(MongoClient client) {
        return client.getDatabase("db").getCollection("things");
    }

    private static void assertDuplicate(org.assertj.core.api.ThrowableAssert.ThrowingCallable write) {
        assertThatThrownBy(write).isInstanceOfSatisfying(MongoWriteException.class,
                                                         e -> assertThat(e.getError().getCode()).isEqualTo(11000));
    }
}
