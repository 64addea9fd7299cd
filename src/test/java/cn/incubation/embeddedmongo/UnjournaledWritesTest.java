package cn.incubation.embeddedmongo;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes acknowledged without the journal ({@code j: false}, as a projection rebuild's first pass writes) are applied
 * and visible at once, and reach the file with the next journaled write. "The file" is a copy of the H2 file taken
 * while the server runs: what a process killed at that moment would leave behind, since the server keeps nothing it
 * has committed outside the file.
 */
class UnjournaledWritesTest {

    @TempDir
    Path temp;

    @Test
    void unjournaledWritesAreVisibleAtOnceAndReachTheFileWithTheNextJournaledWrite() throws IOException {
        Path dataDir = temp.resolve("data");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoServer.Backend.H2, dataDir.resolve("store.mv"), 0, false);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> journaled = client.getDatabase("db").getCollection("things");
            MongoCollection<Document> unjournaled = journaled.withWriteConcern(WriteConcern.W1.withJournal(false));
            journaled.insertOne(new Document("_id", "before").append("n", 0));

            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                batch.add(new Document("_id", "fast-" + i).append("n", i));
            }
            unjournaled.insertMany(batch);
            unjournaled.updateOne(Filters.eq("_id", "before"), Updates.inc("n", 1));
            assertThat(journaled.countDocuments()).isEqualTo(501);
            assertThat(journaled.find(Filters.eq("_id", "before")).first().getInteger("n")).isEqualTo(1);

            Path crashed = copyOfTheFile(dataDir, "crash-1");
            assertThat(idsIn(crashed)).as("after unjournaled writes only").containsExactly("before");
            assertThat(valueOfBefore(crashed)).isZero();

            journaled.insertOne(new Document("_id", "after"));
            Path crashedAgain = copyOfTheFile(dataDir, "crash-2");
            assertThat(idsIn(crashedAgain)).as("after the next journaled write").hasSize(502)
                                           .contains("before", "fast-0", "fast-499", "after");
            assertThat(valueOfBefore(crashedAgain)).isEqualTo(1);
        }
    }

    private Path copyOfTheFile(Path dataDir, String name) throws IOException {
        Path copy = temp.resolve(name);
        Files.createDirectories(copy);
        Files.copy(dataDir.resolve("store.mv"), copy.resolve("store.mv"));
        return copy;
    }

    private static List<String> idsIn(Path dataDir) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoServer.Backend.H2, dataDir.resolve("store.mv"), 0, false);
             MongoClient client = MongoClients.create(server.connectionString())) {
            List<String> ids = new ArrayList<>();
            client.getDatabase("db").getCollection("things").find().forEach(d -> ids.add(d.getString("_id")));
            return ids;
        }
    }

    private static int valueOfBefore(Path dataDir) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoServer.Backend.H2, dataDir.resolve("store.mv"), 0, false);
             MongoClient client = MongoClients.create(server.connectionString())) {
            return client.getDatabase("db").getCollection("things").find(Filters.eq("_id", "before")).first()
                         .getInteger("n");
        }
    }
}
