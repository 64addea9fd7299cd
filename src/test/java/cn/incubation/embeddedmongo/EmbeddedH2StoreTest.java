package cn.incubation.embeddedmongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded server on H2 files: unique indexes hold across restarts, with keys of the types the ledger uses. */
class EmbeddedH2StoreTest {

    @TempDir
    Path dataDir;

    @Test
    void uniqueIndexesRejectDuplicatesAndServeLookupsAfterARestart() {
        List<Object> ids = new ArrayList<>();
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoServer.Backend.H2, dataDir.resolve("store.mv"), 0, false);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("db").getCollection("things");
            things.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            things.createIndex(Indexes.ascending("a", "b"), new IndexOptions().unique(true));
            for (long i = 1; i <= 500; i++) {
                ObjectId ref = new ObjectId();
                ids.add(ref);
                things.insertOne(new Document("_id", i).append("key", i + "@tenant-" + (i % 7))
                                                       .append("a", ref).append("b", i % 3));
            }
        }

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoServer.Backend.H2, dataDir.resolve("store.mv"), 0, false);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("db").getCollection("things");

            assertThat(things.countDocuments()).isEqualTo(500);
            assertThat(things.find(Filters.eq("key", "42@tenant-0")).first()).extracting(d -> d.get("_id"))
                                                                          .isEqualTo(42L);
            assertThat(things.find(Filters.in("_id", 7L, 8L, 501L)).into(new ArrayList<>())).hasSize(2);
            assertThat(things.find(Filters.and(Filters.eq("a", ids.get(9)), Filters.eq("b", 10L % 3))).first())
                    .isNotNull();
            assertThatThrownBy(() -> things.insertOne(new Document("_id", 501L).append("key", "42@tenant-0")))
                    .isInstanceOfSatisfying(MongoWriteException.class,
                                            e -> assertThat(e.getError().getCategory())
                                                    .isEqualTo(ErrorCategory.DUPLICATE_KEY));
            assertThatThrownBy(() -> things.insertOne(new Document("_id", 502L).append("key", "new")
                                                                              .append("a", ids.get(0))
                                                                              .append("b", 1L)))
                    .isInstanceOf(MongoWriteException.class);
            assertThatThrownBy(() -> things.insertOne(new Document("_id", 3L).append("key", "other")))
                    .isInstanceOf(MongoWriteException.class);
            things.insertOne(new Document("_id", 503L).append("key", "fresh").append("a", ids.get(0)).append("b", 2L));
            assertThat(things.countDocuments()).isEqualTo(501);
        }
    }
}
