package cn.incubation.ledger.cli;

import cn.incubation.ledger.LedgerApplication;
import cn.incubation.ledger.projector.ProjectionService;
import cn.incubation.ledger.web.LedgerHttp;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP subcommands and {@code report} against a ledger serving in this JVM; exit codes as documented. */
class CommandLineTest {

    @TempDir
    static Path dir;

    static ConfigurableApplicationContext ledger;
    static String server;

    @BeforeAll
    static void startLedger() {
        TestCredentials.password(LedgerHttp.ADMIN_PASSWORD);
        ledger = new SpringApplicationBuilder(LedgerApplication.class)
                .run("--server.port=0", "--ledger.data-dir=" + dir.resolve("data"), LedgerHttp.ADMIN_PASSWORD_ARGUMENT);
        server = "http://127.0.0.1:" + ((WebServerApplicationContext) ledger).getWebServer().getPort();
    }

    @AfterAll
    static void stopLedger() {
        TestCredentials.password(null);
        ledger.close();
    }

    @Test
    void httpSubcommandsSendTheCommandAndExitByTheAnswer() {
        assertThat(LedgerCli.run("register-incubator", "--incubator-id", "cli-1", "--name", "命令行孵化器", "--kind",
                                 "INCUBATOR", "--region-code", "510107", "--operator", "x", "--opened-on", "2018-01-01",
                                 "--floor-area-m2", "3000", "--staff", "8", "--server", server, "--user",
                                 "admin")).isZero();
        assertThat(LedgerCli.run("accredit", "cli-1", "--level", "GOLD", "--accredited-on", "2019-01-01", "--server",
                                 server, "--user", "admin")).isEqualTo(1);
        assertThat(LedgerCli.run("accredit", "cli-1", "--level", "NATIONAL", "--accredited-on", "2019-01-01",
                                 "--server", server, "--user", "admin", "--if-match", "0")).isZero();
        assertThat(LedgerCli.run("accredit", "cli-1", "--level", "NATIONAL", "--server", server, "--user", "admin"))
                .isEqualTo(2);
        assertThat(LedgerCli.run("accredit", "cli-1", "--level", "NATIONAL", "--accredited-on", "2019-01-01",
                                 "--server", "http://127.0.0.1:1", "--user", "admin")).isEqualTo(1);
    }

    @Test
    void httpSubcommandsSignInAsTheUserAndSayWhatIsMissing() {
        String[] register = {"register-incubator", "--incubator-id", "cli-3", "--name", "无名孵化器", "--kind",
                             "INCUBATOR", "--region-code", "510107", "--operator", "x", "--opened-on", "2018-01-01",
                             "--floor-area-m2", "3000", "--staff", "8", "--server", server};
        assertThat(LedgerCli.run(register)).as("no --user and no LEDGER_USER").isEqualTo(2);
        TestCredentials.password("not-the-password");
        try {
            assertThat(LedgerCli.run(append(register, "--user", "admin"))).as("a wrong password").isEqualTo(1);
        } finally {
            TestCredentials.password(LedgerHttp.ADMIN_PASSWORD);
        }
        assertThat(LedgerCli.run(append(register, "--user", "admin"))).isZero();
        assertThat(LedgerCli.run("report", "--region", "500000", "--from", "2018-12-31", "--to", "2020-12-31",
                                 "--server", server)).as("report --server without a user").isEqualTo(2);
    }

    private static String[] append(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void reportWritesTheComparisonAsAWorkbookWithChineseHeaders() throws Exception {
        LedgerCli.run("register-incubator", "--incubator-id", "cli-2", "--name", "报表孵化器", "--kind", "MAKER_SPACE",
                      "--region-code", "500112", "--operator", "x", "--opened-on", "2019-01-01", "--floor-area-m2",
                      "1000", "--staff", "4", "--server", server, "--user", "admin");
        assertThat(ledger.getBean(ProjectionService.class).awaitCaughtUp(Duration.ofSeconds(20))).isTrue();
        Path workbook = dir.resolve("report.xlsx");

        assertThat(LedgerCli.run("report", "--region", "500000", "--from", "2018-12-31", "--to", "2020-12-31",
                                 "--format", "xlsx", "--out", workbook.toString(), "--server", server, "--user",
                                 "admin")).isZero();

        try (InputStream in = Files.newInputStream(workbook); XSSFWorkbook book = new XSSFWorkbook(in)) {
            Sheet sheet = book.getSheetAt(0);
            Row header = sheet.getRow(2);
            assertThat(header.getCell(0).getStringCellValue()).isEqualTo("指标");
            assertThat(header.getCell(4).getStringCellValue()).isEqualTo("增量");
            Row carriers = sheet.getRow(3);
            assertThat(carriers.getCell(0).getStringCellValue()).isEqualTo("孵化器（含众创空间）数量");
            assertThat(carriers.getCell(1).getStringCellValue()).isEqualTo("incubatorsInclMakerSpaces");
            assertThat(carriers.getCell(2).getNumericCellValue()).isZero();
            assertThat(carriers.getCell(3).getNumericCellValue()).isEqualTo(1.0);
        }
        assertThat(LedgerCli.run("report", "--region", "500000", "--from", "2018-12-31", "--to", "2020-12-31",
                                 "--format", "xlsx", "--server", server, "--user", "admin")).isEqualTo(2);
        assertThat(LedgerCli.run("report", "--region", "nowhere", "--from", "2018-12-31", "--to", "2020-12-31",
                                 "--server", server, "--user", "admin")).isEqualTo(1);
    }

    @Test
    void springPropertiesAreToldApartByTheDotInTheirName() {
        assertThat(LedgerCli.isSpringProperty("--server.port=9090")).isTrue();
        assertThat(LedgerCli.isSpringProperty("--ledger.data-dir=/tmp/x")).isTrue();
        assertThat(LedgerCli.isSpringProperty("--server=http://localhost:8080")).isFalse();
        assertThat(LedgerCli.isSpringProperty("--scale")).isFalse();
    }
}
