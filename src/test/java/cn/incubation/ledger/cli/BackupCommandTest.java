package cn.incubation.ledger.cli;

import cn.incubation.ledger.LedgerApplication;
import cn.incubation.ledger.web.LedgerHttp;
import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code backup} of a ledger serving and being written to, {@code restore} into a new directory, and {@code verify}
 * of what was restored: every hash chain whole, and every event acknowledged before the backup began in it.
 */
class BackupCommandTest {

    @TempDir
    Path dir;

    @AfterEach
    void forgetPassword() {
        TestCredentials.password(null);
    }

    @Test
    void aBackupOfALedgerBeingWrittenRestoresToALedgerThatVerifies() throws Exception {
        Path data = dir.resolve("data");
        Path zip = dir.resolve("backup.zip");
        TestCredentials.password(LedgerHttp.ADMIN_PASSWORD);
        long acknowledgedBefore;
        long storedAfter;
        try (ConfigurableApplicationContext ledger = new SpringApplicationBuilder(LedgerApplication.class)
                .run("--server.port=0", "--ledger.data-dir=" + data, LedgerHttp.ADMIN_PASSWORD_ARGUMENT)) {
            int port = ((WebServerApplicationContext) ledger).getWebServer().getPort();
            LedgerHttp http = new LedgerHttp(port, LedgerHttp.ADMIN, LedgerHttp.ADMIN_PASSWORD);
            AtomicInteger acknowledged = new AtomicInteger();
            for (int i = 0; i < 20; i++) {
                register(http, i, acknowledged);
            }
            acknowledgedBefore = acknowledged.get();
            // Commands keep arriving while the copy is made.
            AtomicBoolean stop = new AtomicBoolean();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                for (int i = 20; !stop.get(); i++) {
                    register(http, i, acknowledged);
                }
            });
            try {
                assertThat(LedgerCli.run("backup", "--server", "http://127.0.0.1:" + port, "--user", "admin",
                                         "--out", zip.toString())).isZero();
            } finally {
                stop.set(true);
                writer.join();
            }
            storedAfter = ledger.getBean(MongoDatabase.class).getCollection("events").countDocuments();
            assertThat(LedgerCli.run("backup", "--out", dir.resolve("stopped.zip").toString(),
                                     "--ledger.data-dir=" + data)).as("the directory is held").isEqualTo(1);
        }
        assertThat(zip).isRegularFile();
        assertThat(dir.resolve("backup.zip.part")).doesNotExist();

        Path restored = dir.resolve("restored");
        assertThat(LedgerCli.run("restore", zip.toString(), "--ledger.data-dir=" + restored)).isZero();
        assertThat(LedgerCli.run("restore", zip.toString(), "--ledger.data-dir=" + restored))
                .as("never over a ledger").isEqualTo(1);
        assertThat(LedgerCli.run("verify", "--ledger.data-dir=" + restored)).isZero();
        try (ConfigurableApplicationContext copy = new SpringApplicationBuilder(LedgerApplication.class)
                .web(WebApplicationType.NONE).run("--ledger.data-dir=" + restored, LedgerHttp.ADMIN_PASSWORD_ARGUMENT)) {
            long events = copy.getBean(MongoDatabase.class).getCollection("events").countDocuments();
            assertThat(events).isBetween(acknowledgedBefore, storedAfter);
        }

        // A stopped ledger's directory is copied without a server.
        Path stopped = dir.resolve("stopped.zip");
        assertThat(LedgerCli.run("backup", "--out", stopped.toString(), "--ledger.data-dir=" + data)).isZero();
        Path again = dir.resolve("again");
        assertThat(LedgerCli.run("restore", stopped.toString(), "--ledger.data-dir=" + again)).isZero();
        assertThat(LedgerCli.run("verify", "--ledger.data-dir=" + again)).isZero();

        Path notABackup = dir.resolve("not.zip");
        Files.writeString(notABackup, "command,id\n");
        assertThat(LedgerCli.run("restore", notABackup.toString(), "--ledger.data-dir=" + dir.resolve("x")))
                .isEqualTo(1);
        assertThat(dir.resolve("x").resolve("ledger.mv")).doesNotExist();
    }

    private static void register(LedgerHttp http, int i, AtomicInteger acknowledged) {
        LedgerHttp.Answer answer = http.post("/api/incubators", LedgerHttp.json(
                "{'incubatorId':'bak-" + i + "','name':'备份孵化器" + i + "','kind':'INCUBATOR','regionCode':'510107',"
                        + "'operator':'x','openedOn':'2018-01-01','floorAreaM2':'3000','staff':8}"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        acknowledged.incrementAndGet();
    }
}
