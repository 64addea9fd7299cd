package cn.incubation.ledger.web;

import cn.incubation.ledger.cli.LedgerCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the console shows a person running the ledger, with its own logging settings (not the tests'): one line per
 * refused request, naming its correlation id and problem, and no stack traces; none of the embedded server's lines
 * per collection or connection, the driver's settings, Axon's banner or Micrometer's duplicate-gauge warning.
 */
class ConsoleLogTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aRefusedRequestIsOneLineAndTheNoiseIsGone() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = dir.resolve("console.log");
        // The application's classes and libraries, without the tests' logging configuration.
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                                 .filter(entry -> !entry.endsWith("test-classes"))
                                 .collect(Collectors.joining(File.pathSeparator));
        Process ledger = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                            "-XX:TieredStopAtLevel=1", "-cp", classpath,
                                            LedgerCli.class.getName(), "--init", "--server.port=" + port,
                                            "--ledger.data-dir=" + dir.resolve("data"),
                                            LedgerHttp.ADMIN_PASSWORD_ARGUMENT)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            LedgerHttp http = new LedgerHttp(port);
            awaitUp(http, ledger);
            String incubator = "log-inc-1";
            assertThat(http.post("/api/incubators", "{\"incubatorId\":\"" + incubator + "\",\"name\":\"x\","
                    + "\"kind\":\"INCUBATOR\",\"regionCode\":\"510107\",\"operator\":\"y\",\"openedOn\":\"2016-03-01\","
                    + "\"floorAreaM2\":\"100\",\"staff\":1}").status()).isEqualTo(201);
            assertThat(http.post("/api/tenants/nobody-here/headcount", "{\"employees\":3,"
                    + "\"reportedOn\":\"2020-01-01\"}", "X-Correlation-Id", "console-404").status()).isEqualTo(404);
            assertThat(http.post("/api/incubators/" + incubator + "/staff", "{\"staff\":3.5,"
                    + "\"reportedOn\":\"2020-01-01\"}", "X-Correlation-Id", "console-400").status()).isEqualTo(400);
            assertThat(http.post("/api/tenants/" + incubator + "/headcount", "{\"employees\":3,"
                    + "\"reportedOn\":\"2020-01-01\"}", "X-Correlation-Id", "console-kind").status()).isEqualTo(404);
            assertThat(http.get("/api/regions/chengyu/totals?asOf=2020-02-30", "X-Correlation-Id", "console-query")
                           .status()).isEqualTo(400);
        } finally {
            ledger.destroy();
            ledger.waitFor(30, TimeUnit.SECONDS);
        }

        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        String all = String.join("\n", lines);
        for (String id : List.of("console-404", "console-400", "console-kind", "console-query")) {
            List<String> mentioning = lines.stream().filter(l -> l.contains(id)).toList();
            assertThat(mentioning).as(id).hasSize(1);
            assertThat(mentioning.get(0)).contains("INFO", "answered 4");
        }
        assertThat(lines.stream().filter(l -> l.contains("console-400")).findFirst().orElseThrow())
                .contains("staff = 3.5: must be a whole number");
        assertThat(lines).noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by"));
        assertThat(all).doesNotContain("d.b.mongo", "de.bwaldvogel", "org.mongodb.driver", "MongoClientSettings",
                                       "AxonIQ Console", "has been already registered");
    }

    private static void awaitUp(LedgerHttp http, Process ledger) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertThat(ledger.isAlive()).as("the ledger is running").isTrue();
            try {
                if (http.get("/actuator/health").status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the ledger did not start within 90 s");
    }
}
