package cn.incubation.embeddedmongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store compacts chunks that are mostly dead. A commit per write leaves each chunk with a few live pages
 * (here the random leaves of a unique index), which the file's fill rate counts as full: guarded by it, compaction
 * never ran, and here the live share of the chunks fell to 8%; compacting, it stays near 40%. Compaction is looked
 * at after every commit here, instead of every two seconds, so the test does not depend on time.
 */
class CompactionTest {

    @TempDir
    Path dataDir;

    @Test
    void singleInsertsWithRandomIndexKeysLeaveTheChunksMostlyLive() {
        MVStore store = new MVStore.Builder().fileName(dataDir.resolve("store.mv").toString())
                                             .autoCommitDisabled().autoCommitBufferSize(0).open();
        // Chunks freed at once, as with fsync: what the fill rate shows is then what compaction left.
        store.setRetentionTime(0);
        MongoServer server = new MongoServer(new DurableH2Backend(store, false, 0));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> events = client.getDatabase("db").getCollection("events");
            events.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            events.createIndex(Indexes.ascending("eventIdentifier"), new IndexOptions().unique(true));
            Random random = new Random(7);
            for (long i = 0; i < 3_000; i++) {
                events.insertOne(new Document("_id", i).append("key", "tenant-" + random.nextInt(1_000_000) + "#" + i)
                                                       .append("eventIdentifier", "event-" + i)
                                                       .append("payload", "x".repeat(300)));
            }
            assertThat(events.countDocuments()).isEqualTo(3_000);
            assertThat(store.getFileStore().getChunksFillRate()).as("live share of the chunks, in percent")
                                                                .isGreaterThanOrEqualTo(25);
        } finally {
            server.shutdownNow();
            store.close();
        }
    }
}
