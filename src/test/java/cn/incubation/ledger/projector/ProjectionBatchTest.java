package cn.incubation.ledger.projector;

import cn.incubation.ledger.mongo.LedgerStore;
import cn.incubation.embeddedmongo.EmbeddedMongoServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.types.Decimal128;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild inserts a document that does not exist yet whole ({@code asNewDocument}) instead of upserting it, and
 * replaces one written before with the update applied to it here ({@code applyTo}) instead of having the server update
 * it. Either way the document must be the one the server makes of the same upserts, value types included.
 */
class ProjectionBatchTest {

    private static final JsonWriterSettings EXTENDED = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    @TempDir
    Path dataDir;

    @Test
    void aNewDocumentIsWhatTheServerMakesOfTheUpsert() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoServer.Backend.H2, LedgerStore.file(dataDir), 0, false);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase db = client.getDatabase("db");
            MongoCollection<Document> upserted = db.getCollection("upserted");
            MongoCollection<Document> inserted = db.getCollection("inserted");

            ProjectionBatch first = new ProjectionBatch();
            first.document("c", "a|2021-03").set("facts.v1", new Document("type", "Admitted").append("n", 3))
                 .set("facts.v2", "plain").set("top", true).inc("t:jobs", 5).inc("t:jobs", 2).inc("zero", 0)
                 .inc("m.2021-03.IpGranted", 1).push("entries", "e1").push("entries", "e2");
            first.document("c", "b").set("months.2021-03.x.y", 1L).inc("months.2021-03.x.z", -4);
            ProjectionBatch second = new ProjectionBatch();
            second.document("c", "a|2021-03").set("facts.v3", "later").inc("t:jobs", -7).inc("m.2021-04.IpGranted", 1)
                  .push("entries", "e3");
            second.document("c", "b").set("months.2021-04", "new").inc("months.2021-03.x.z", 4)
                  .inc("facts.v1.n", 2).push("months.2021-03.list", "p1");
            ProjectionBatch third = new ProjectionBatch();
            third.document("c", "b").push("months.2021-03.list", "p2").set("months.2021-03.x.y", 2L)
                 .inc("months.2021-05.count", 1);
            third.document("c", "a|2021-03").inc("facts.v1.n", 2);

            for (ProjectionBatch batch : List.of(first, second, third)) {
                apply(batch, upserted, false);
                apply(batch, inserted, true);
            }

            for (String id : List.of("a|2021-03", "b")) {
                Document expected = upserted.find(Filters.eq("_id", id)).first();
                Document actual = inserted.find(Filters.eq("_id", id)).first();
                assertThat(expected).isNotNull();
                expected.remove(BatchJournal.BATCH_FIELD);
                actual.remove(BatchJournal.BATCH_FIELD);
                assertThat(actual.toJson(EXTENDED)).as(id).isEqualTo(expected.toJson(EXTENDED));
            }
            Document a = inserted.find(Filters.eq("_id", "a|2021-03")).first();
            assertThat(a.get("t:jobs", Number.class).longValue()).isZero();
            assertThat(a).doesNotContainKey("zero");
            assertThat(a.getList("entries", String.class)).containsExactly("e1", "e2", "e3");
            assertThat(a.get("facts", Document.class).keySet()).containsExactly("v1", "v2", "v3");
            Document b = inserted.find(Filters.eq("_id", "b")).first();
            assertThat(b.get("months", Document.class).get("2021-03", Document.class).getList("list", String.class))
                    .containsExactly("p1", "p2");
            assertThat(b.get("facts", Document.class).get("v1", Document.class).get("n")).isEqualTo(2L);
        }
    }

    /** As the live projector writes (upserts) or as a rebuild does (insert when new, else read, apply and replace). */
    private static void apply(ProjectionBatch batch, MongoCollection<Document> documents, boolean rebuild) {
        batch.updates().forEach((collection, updates) -> {
            for (ProjectionBatch.DocumentUpdate update : updates.values()) {
                boolean exists = documents.find(Filters.eq("_id", update.id())).first() != null;
                if (rebuild && !exists) {
                    documents.insertOne(update.asNewDocument());
                } else if (rebuild) {
                    Document current = documents.find(Filters.eq("_id", update.id())).first();
                    documents.replaceOne(Filters.eq("_id", update.id()), update.applyTo(current));
                } else {
                    documents.updateOne(Filters.eq("_id", update.id()),
                                        BatchJournal.change(update.toJournal(collection), 1),
                                        new UpdateOptions().upsert(true));
                }
            }
        });
    }

    /**
     * Money is summed as decimals: increments of the largest long, in one batch and across batches, add up exactly on
     * the server (live upserts) and in a rebuild (applied here), where 64-bit sums would wrap past 2^63.
     */
    @Test
    void decimalSumsStayExactPastTheRangeOfALong() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoServer.Backend.H2, LedgerStore.file(dataDir), 0, false);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase db = client.getDatabase("db");
            MongoCollection<Document> upserted = db.getCollection("upserted");
            MongoCollection<Document> inserted = db.getCollection("inserted");
            ProjectionBatch first = new ProjectionBatch();
            first.document("c", "r|y|2021").incDecimal("t:investmentFen", Long.MAX_VALUE)
                 .incDecimal("t:investmentFen", Long.MAX_VALUE).inc("t:investmentCount", 2);
            ProjectionBatch second = new ProjectionBatch();
            second.document("c", "r|y|2021").incDecimal("t:investmentFen", Long.MAX_VALUE)
                  .inc("t:investmentCount", 1);
            for (ProjectionBatch batch : List.of(first, second)) {
                apply(batch, upserted, false);
                apply(batch, inserted, true);
            }

            BigDecimal expected = BigDecimal.valueOf(Long.MAX_VALUE).multiply(BigDecimal.valueOf(3));
            for (MongoCollection<Document> documents : List.of(upserted, inserted)) {
                Document totals = documents.find(Filters.eq("_id", "r|y|2021")).first();
                assertThat(totals.get("t:investmentFen")).isInstanceOf(Decimal128.class);
                assertThat(totals.get("t:investmentFen", Decimal128.class).bigDecimalValue())
                        .as(documents.getNamespace().getCollectionName()).isEqualByComparingTo(expected);
                assertThat(totals.get("t:investmentCount")).isEqualTo(3L);
            }
        }
    }

    @Test
    void theMergedUpdateOfAnEmptyBatchIsEmpty() {
        ProjectionBatch batch = new ProjectionBatch();
        batch.document("c", "x").inc("n", 3).inc("n", -3);
        List<ProjectionBatch.DocumentUpdate> updates = new ArrayList<>(batch.updates().get("c").values());
        assertThat(updates.get(0).isEmpty()).isTrue();
        assertThat(updates.get(0).asNewDocument()).containsOnlyKeys("_id");
    }
}
