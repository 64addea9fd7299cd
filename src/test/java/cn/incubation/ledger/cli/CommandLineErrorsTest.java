package cn.incubation.ledger.cli;

import cn.incubation.ledger.LedgerApplication;
import cn.incubation.ledger.web.LedgerHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What the command line says when it cannot do what was asked: one line a person can act on, and nothing changed. */
class CommandLineErrorsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureErrors() {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreErrors() {
        System.setErr(originalErr);
        TestCredentials.password(null);
    }

    private String said() {
        return err.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void aMissingDataDirectoryIsAnErrorUnlessInit() {
        Path missing = dir.resolve("mistyped");

        assertThat(LedgerCli.run("user", "list", "--ledger.data-dir=" + missing)).isEqualTo(1);

        assertThat(said()).isEqualTo("Error: No ledger at " + missing + ": the data directory does not exist. Give "
                + "the right --ledger.data-dir, or add --init to start a new ledger there");
        assertThat(missing).doesNotExist();

        assertThat(LedgerCli.run("user", "list", "--init", "--ledger.data-dir=" + missing,
                                 LedgerHttp.ADMIN_PASSWORD_ARGUMENT)).isZero();
        assertThat(missing.resolve("ledger.mv")).isRegularFile();
        err.reset();
        assertThat(LedgerCli.run("user", "list", "--ledger.data-dir=" + missing)).as("now it exists").isZero();
        assertThat(said()).isEmpty();
    }

    @Test
    void aDataDirectoryHeldByARunningLedgerSaysSoInOneLine() throws Exception {
        Path data = dir.resolve("data");
        try (ConfigurableApplicationContext serving = new SpringApplicationBuilder(LedgerApplication.class)
                .run("--server.port=0", "--ledger.data-dir=" + data, LedgerHttp.ADMIN_PASSWORD_ARGUMENT)) {
            long before = Files.size(data.resolve("ledger.mv"));

            assertThat(LedgerCli.run("user", "list", "--ledger.data-dir=" + data)).isEqualTo(1);

            assertThat(said()).isEqualTo("Error: The ledger at " + data + " is in use by another process (a ledger "
                    + "serving it?): stop that one first, or give --server URL to talk to it");
            assertThat(Files.size(data.resolve("ledger.mv"))).isEqualTo(before);
            assertThat(serving.isActive()).isTrue();
        }
    }

    @Test
    void anUnreachableLedgerIsNamedByItsAddress() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        TestCredentials.password("whatever");
        String server = "http://127.0.0.1:" + port;

        assertThat(LedgerCli.run("report", "--region", "500000", "--from", "2018-12-31", "--to", "2020-12-31",
                                 "--server", server, "--user", "admin")).isEqualTo(1);
        assertThat(said()).isEqualTo("Cannot reach the ledger at " + server + ": connection refused; start it (java "
                + "-jar target/incubation-ledger.jar) or give the right --server URL");

        err.reset();
        assertThat(LedgerCli.run("accredit", "x", "--level", "NATIONAL", "--accredited-on", "2019-01-01",
                                 "--server", server, "--user", "admin")).isEqualTo(1);
        assertThat(said()).startsWith("Cannot reach the ledger at " + server + ": connection refused");
    }

    @Test
    void aCommandWithoutAUserToSignInAsIsAUsageErrorThatNamesWhatToGive() {
        TestCredentials.password("whatever");
        String server = "http://127.0.0.1:9";
        for (String[] command : new String[][]{{"verify", "--server", server}, {"checkpoint", "--server", server},
                                               {"backup", "--out", dir.resolve("b.zip").toString(), "--server", server},
                                               {"report", "--region", "500000", "--from", "2018-12-31", "--to",
                                                "2020-12-31", "--server", server}}) {
            err.reset();
            assertThat(LedgerCli.run(command)).as(command[0]).isEqualTo(2);
            assertThat(said()).as(command[0]).isEqualTo("Sign in to the ledger at " + server + ": give --user NAME "
                    + "(or set LEDGER_USER); the password comes from LEDGER_PASSWORD or a prompt");
        }
        assertThat(dir.resolve("b.zip")).doesNotExist();
    }

    @Test
    void aRefusalIsPrintedAsTheProblemsDetail() {
        TestCredentials.password(LedgerHttp.ADMIN_PASSWORD);
        try (ConfigurableApplicationContext serving = new SpringApplicationBuilder(LedgerApplication.class)
                .run("--server.port=0", "--ledger.data-dir=" + dir.resolve("data"), LedgerHttp.ADMIN_PASSWORD_ARGUMENT)) {
            String server = "http://127.0.0.1:" + ((WebServerApplicationContext) serving).getWebServer().getPort();

            assertThat(LedgerCli.run("accredit", "nosuch", "--level", "NATIONAL", "--accredited-on", "2019-01-01",
                                     "--server", server, "--user", "admin")).isEqualTo(1);
            assertThat(said()).isEqualTo("Refused (404): incubatorId = nosuch: nothing with this id is in the ledger");

            err.reset();
            assertThat(LedgerCli.run("report", "--region", "nowhere", "--from", "2018-12-31", "--to", "2020-12-31",
                                     "--server", server, "--user", "admin")).isEqualTo(1);
            assertThat(said()).isEqualTo("Refused (404): regionCode = nowhere: is not in the region catalog (GET "
                    + "/api/regions)");
        }
    }
}
