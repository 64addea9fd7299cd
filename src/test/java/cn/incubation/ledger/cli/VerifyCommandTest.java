package cn.incubation.ledger.cli;

import cn.incubation.ledger.mongo.LedgerStore;
import cn.incubation.ledger.LedgerApplication;
import cn.incubation.embeddedmongo.EmbeddedMongoServer;
import cn.incubation.ledger.web.LedgerHttp;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code verify} and {@code checkpoint} on a stopped ledger's data directory: exit 0 on what was appended, 1 once an
 * event was edited with the plain driver, 2 for a usage error.
 */
class VerifyCommandTest {

    @TempDir
    Path dir;

    @Test
    void verifyExitsZeroOnACleanLedgerAndOneOnceAnEventWasEdited() throws Exception {
        Path data = dir.resolve("data");
        String dataDir = "--ledger.data-dir=" + data;
        TestCredentials.password(LedgerHttp.ADMIN_PASSWORD);
        try (ConfigurableApplicationContext ledger = new SpringApplicationBuilder(LedgerApplication.class)
                .run("--server.port=0", dataDir, LedgerHttp.ADMIN_PASSWORD_ARGUMENT)) {
            String server = "http://127.0.0.1:" + ((WebServerApplicationContext) ledger).getWebServer().getPort();
            assertThat(LedgerCli.run("register-incubator", "--incubator-id", "verify-1", "--name", "校验孵化器",
                                     "--kind", "INCUBATOR", "--region-code", "510107", "--operator", "x",
                                     "--opened-on", "2018-01-01", "--floor-area-m2", "3000", "--staff", "8",
                                     "--server", server, "--user", "admin")).isZero();
            assertThat(LedgerCli.run("rate", "verify-1", "--year", "2019", "--rating", "EXCELLENT", "--server",
                                     server, "--user", "admin")).isZero();
            // Against the running ledger, signed in as an administrator; without a user it is a usage error.
            Run remote = run("verify", "--server", server, "--user", "admin");
            assertThat(remote.exit()).as(remote.out()).isZero();
            assertThat(remote.out()).contains("OK: every event is the one appended");
            assertThat(LedgerCli.run("verify", "--server", server)).isEqualTo(2);
        } finally {
            TestCredentials.password(null);
        }

        assertThat(LedgerCli.run("verify", dataDir)).isZero();
        Run checkpoint = run("checkpoint", dataDir);
        assertThat(checkpoint.exit()).as(checkpoint.out()).isZero();
        Matcher printed = Pattern.compile("global index (\\d+) .*\\n([0-9a-f]{64})\\n").matcher(checkpoint.out());
        assertThat(printed.find()).as(checkpoint.out()).isTrue();
        String position = printed.group(1);
        String digest = printed.group(2);
        assertThat(LedgerCli.run("verify", "--expect-digest", digest, "--at", position, dataDir)).isZero();
        assertThat(LedgerCli.run("verify", "--at", position, dataDir)).isEqualTo(2);
        assertThat(LedgerCli.run("verify", "--expect-digest", "not-a-digest", dataDir)).isEqualTo(2);

        try (EmbeddedMongoServer store = EmbeddedMongoServer.start(EmbeddedMongoServer.Backend.H2, LedgerStore.file(data), 0, false);
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> events = client.getDatabase("ledger").getCollection("events");
            Document rating = events.find(Filters.eq("key", "verify-1#1")).first();
            byte[] payload = rating.get("p", Binary.class).getData();
            String text = new String(payload, StandardCharsets.UTF_8);
            assertThat(text).contains("EXCELLENT");
            events.updateOne(Filters.eq("_id", rating.get("_id")), Updates.set("p", new Binary(
                    text.replace("EXCELLENT", "FAIL").getBytes(StandardCharsets.UTF_8))));
        }

        Run tampered = run("verify", dataDir);
        assertThat(tampered.exit()).as(tampered.out()).isEqualTo(1);
        assertThat(tampered.out()).contains("verify-1 #1: payload-edited");
        assertThat(LedgerCli.run("verify", "--expect-digest", digest, "--at", position, dataDir)).isEqualTo(1);
    }

    private record Run(int exit, String out) {
    }

    private static Run run(String... args) {
        PrintStream console = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int exit = LedgerCli.run(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(console);
        }
    }
}
