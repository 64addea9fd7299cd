package cn.incubation.embeddedmongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded server's unique indexes on both backends: the shortcut for single plain fields
 * ({@link SingleFieldUniqueIndex}) must decide exactly as the stock path does, and leave the other cases to it.
 */
class UniqueIndexTest {

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(EmbeddedMongoServer.Backend.class)
    void uniqueIndexesDecideAsTheStockServerDoes(EmbeddedMongoServer.Backend backend) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(backend, dataDir.resolve("store.mv"), 0, false);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("db").getCollection("things");
            things.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            things.createIndex(Indexes.ascending("ref"), new IndexOptions().unique(true));
            things.createIndex(Indexes.ascending("tags"), new IndexOptions().unique(true).sparse(true));
            things.createIndex(Indexes.ascending("nested.value"), new IndexOptions().unique(true).sparse(true));

            ObjectId ref = new ObjectId();
            things.insertOne(new Document("_id", 5).append("key", "a").append("ref", ref));
            // Numbers are equal across types, as in MongoDB: 5, 5L and 5.0 are one _id.
            assertDuplicate(() -> things.insertOne(new Document("_id", 5L).append("key", "b")));
            assertDuplicate(() -> things.insertOne(new Document("_id", 5.0).append("key", "b")));
            assertDuplicate(() -> things.insertOne(new Document("_id", 6L).append("key", "a")));
            assertDuplicate(() -> things.insertOne(new Document("_id", 6L).append("key", "b").append("ref", ref)));
            things.insertOne(new Document("_id", 0.0).append("key", "zero").append("ref", new ObjectId()));
            assertDuplicate(() -> things.insertOne(new Document("_id", -0.0).append("key", "minus zero")));
            // A long beyond what a double holds exactly stays itself.
            things.insertOne(new Document("_id", (1L << 53) + 1).append("key", "big1").append("ref", 1));
            things.insertOne(new Document("_id", (1L << 53)).append("key", "big2").append("ref", 2));
            assertDuplicate(() -> things.insertOne(new Document("_id", (1L << 53) + 1).append("key", "big3")));
            // A missing field is a null key: one document may lack it (the ones above all have a ref but one).
            things.insertOne(new Document("_id", 7L).append("key", "no ref 1"));
            assertDuplicate(() -> things.insertOne(new Document("_id", 8L).append("key", "no ref 2")));

            // An ordered insertMany stops at the duplicate and leaves no index entry of the refused document.
            assertThatThrownBy(() -> things.insertMany(List.of(new Document("_id", 10L).append("key", "k10")
                                                                                       .append("ref", 10),
                                                               new Document("_id", 11L).append("key", "a")
                                                                                       .append("ref", 11),
                                                               new Document("_id", 12L).append("key", "k12")
                                                                                       .append("ref", 12))))
                    .isInstanceOfSatisfying(MongoBulkWriteException.class,
                                            e -> assertThat(e.getWriteErrors().get(0).getIndex()).isEqualTo(1));
            things.insertOne(new Document("_id", 11L).append("key", "k11").append("ref", 11));
            assertThat(things.find(Filters.eq("key", "k12")).first()).isNull();

            // Arrays and nested paths take the stock path: every element is a key.
            things.insertOne(new Document("_id", 20L).append("key", "t1").append("ref", 20).append("tags", List.of("x", "y")));
            assertDuplicate(() -> things.insertOne(new Document("_id", 21L).append("key", "t2").append("ref", 21)
                                                                          .append("tags", List.of("y", "z"))));
            things.insertOne(new Document("_id", 22L).append("key", "n1").append("ref", 22)
                                                     .append("nested", new Document("value", "v")));
            assertDuplicate(() -> things.insertOne(new Document("_id", 23L).append("key", "n2").append("ref", 23)
                                                                          .append("nested", new Document("value", "v"))));

            // An update that moves a key frees the old one and may not take a key in use.
            assertDuplicate(() -> things.updateOne(Filters.eq("_id", 11L), Updates.set("key", "a")));
            things.updateOne(Filters.eq("_id", 11L), Updates.set("key", "k11 moved"));
            things.insertOne(new Document("_id", 30L).append("key", "k11").append("ref", 30));
            things.deleteOne(Filters.eq("_id", 30L));
            things.insertOne(new Document("_id", 31L).append("key", "k11").append("ref", 30));

            assertThat(things.find(Filters.eq("key", "k11 moved")).first()).extracting(d -> d.get("_id"))
                                                                          .isEqualTo(11L);
            assertThat(things.find(Filters.in("key", "a", "zero", "k11")).into(new java.util.ArrayList<>()))
                    .hasSize(3);
            assertThat(things.countDocuments()).isEqualTo(10);
        }
    }

    private static void assertDuplicate(ThrowingCallable write) {
        assertThatThrownBy(write).satisfiesAnyOf(
                e -> assertThat(e).isInstanceOfSatisfying(MongoWriteException.class, w -> assertThat(
                        w.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY)),
                e -> assertThat(e).isInstanceOfSatisfying(MongoBulkWriteException.class, w -> assertThat(
                        w.getWriteErrors().get(0).getCode()).isEqualTo(11000)));
    }
}
