package cn.incubation.ledger.cli;

import cn.incubation.ledger.LedgerApplication;
import cn.incubation.ledger.projector.ProjectionService;
import cn.incubation.ledger.regionaltotals.RegionalTotals;
import cn.incubation.ledger.regionaltotals.RegionalTotalsQueries;
import cn.incubation.ledger.web.LedgerHttp;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code import FILE} through the command line, twice, on a real ledger in a temporary data directory. */
class ImportCommandTest {

    @TempDir
    Path dir;

    static final String CSV = """
            command,id,name,kind,regionCode,operator,openedOn,floorAreaM2,staff,incubatorId,companyName,creditCode,sector,foundedOn,admittedOn,number,title,grantedOn,round,investor,amount,currency,cnyRate,receivedOn,employees,reportedOn,level,accreditedOn
            register-incubator,imp-inc-1,"成都高新区孵化园, 一期",INCUBATOR,510107,成都高新区管委会,2016-03-01,12000,20,,,,,,,,,,,,,,,,,,,
            register-incubator,imp-inc-2,重庆渝北众创空间,MAKER_SPACE,500112,渝北区科技局,2017-05-01,800.5,6,,,,,,,,,,,,,,,,,,,
            register-incubator,imp-bad-region,某孵化器,INCUBATOR,519999,某公司,2017-05-01,800,6,,,,,,,,,,,,,,,,,,,
            accredit,imp-inc-1,,,,,,,,,,,,,,,,,,,,,,,,,NATIONAL,2019-01-01
            admit-tenant,imp-ten-1,,,,,,,,imp-inc-1,成都智元科技有限公司,91510100MA6123456W,人工智能,2018-05-01,2019-02-01,,,,,,,,,,,,,
            admit-tenant,imp-ten-2,,,,,,,,imp-inc-2,重庆某某科技有限公司,91510100MA61234567,软件,2018-05-01,2019-02-01,,,,,,,,,,,,,
            grant-ip,imp-ten-1,,INVENTION_PATENT,,,,,,,,,,,,ZL201910000001.X,一种图像识别方法,2020-05-01,,,,,,,,,,
            receive-investment,imp-ten-1,,,,,,,,,,,,,,,,,ANGEL,蓉创天使基金,1000000,CNY,,2020-03-15,,,,
            report-headcount,imp-ten-1,,,,,,,,,,,,,,,,,,,,,,,25,2020-12-31,,
            report-headcount,imp-ten-1,,,,,,,,,,,,,,,,,,,,,,,30,2019-01-01,,
            report-headcount,imp-ten-1,苏州,,,,,,,,,,,,,,,,,,,,,,30,2021-12-31,,
            report-headcount,,,,,,,,,,,,,,,,,,,,,,,,30,2021-12-31,,
            promote-tenant,imp-ten-1,,,,,,,,,,,,,,,,,,,,,,,,,,
            """;

    int runImport(Path file) {
        return LedgerCli.run("import", "--init", file.toString(), "--ledger.data-dir=" + dir.resolve("data"),
                             "--report", dir.resolve("rejected.csv").toString());
    }

    /** The rejected rows as the import itself reads them back (the file starts with a byte-order mark). */
    ImportFile report() throws Exception {
        return ImportFile.read(dir.resolve("rejected.csv"));
    }

    static String rejection(ImportFile report, int index) {
        List<String> cells = report.lines().get(index).cells();
        return cells.get(report.header().indexOf(ImportCommand.REJECTION));
    }

    @Test
    void importsGoodRowsReportsBadOnesAndStoresNothingNewTheSecondTime() throws Exception {
        Path file = dir.resolve("ledger.csv");
        Files.writeString(file, CSV, StandardCharsets.UTF_8);

        assertThat(runImport(file)).isEqualTo(1);
        ImportFile rejected = report();
        assertThat(rejected.header()).containsExactlyElementsOf(append(CSV.lines().findFirst().orElseThrow(),
                                                                       ImportCommand.REJECTION));
        assertThat(rejected.lines()).extracting(line -> line.cells().get(1))
                                    .as("each rejected row as it was").containsExactly(
                                            "imp-bad-region", "imp-ten-2", "imp-ten-1", "imp-ten-1", "", "imp-ten-1");
        assertThat(rejection(rejected, 0)).startsWith("line 4: regionCode = 519999: ").contains("region catalog");
        assertThat(rejection(rejected, 1)).isEqualTo("line 7: creditCode = 91510100MA61234567: check character must "
                                                             + "be 'W' (GB 32100-2015)");
        assertThat(rejection(rejected, 2)).isEqualTo("line 11: reportedOn = 2019-01-01: must not be before the tenant "
                                                             + "was admitted (2019-02-01)");
        assertThat(rejection(rejected, 3)).isEqualTo("line 12: name = 苏州: is not a field of report-headcount");
        assertThat(rejection(rejected, 4)).isEqualTo("line 13: id is required: the incubator's or tenant's id");
        assertThat(rejection(rejected, 5)).startsWith("line 14: command = promote-tenant: is not a command");

        assertThat(actors("imp-ten-1")).as("the actor of a local import")
                                       .containsOnly(System.getProperty("user.name").replaceAll("[^A-Za-z0-9._-]", "_")
                                                             + "@local");

        RegionalTotals first = totals();
        assertThat(first.carriers().total()).isEqualTo(2);
        assertThat(first.carriers().byLevel()).containsEntry("NATIONAL", 1L);
        assertThat(first.floorAreaM2()).isEqualByComparingTo("12800.5");
        assertThat(first.tenantsInIncubation()).isEqualTo(1);
        assertThat(first.ipHeld().cumulative()).isEqualTo(1);
        assertThat(first.ipHeld().inIncubation()).isEqualTo(1);
        assertThat(first.jobs()).isEqualTo(25);
        assertThat(first.investment().amountCny()).isEqualByComparingTo(new BigDecimal("1000000"));
        long events = eventCount();

        assertThat(runImport(file)).isEqualTo(1);
        assertThat(report().lines()).hasSize(6);
        assertThat(eventCount()).isEqualTo(events);
        assertThat(totals()).usingRecursiveComparison().ignoringFields("knownAt").isEqualTo(first);
    }

    static List<String> append(String csvLine, String column) {
        List<String> all = new java.util.ArrayList<>(List.of(csvLine.split(",")));
        all.add(column);
        return all;
    }

    static final String EXCEL_CSV = """
            command,id,name,kind,regionCode,operator,openedOn,floorAreaM2,staff,incubatorId,companyName,creditCode,sector,foundedOn,admittedOn,round,investor,amount,currency,receivedOn,employees,reportedOn
            register-incubator,gbk-inc-1,成都天府众创空间,MAKER_SPACE,510107,天府新区管委会,2017/3/1,"1,200",5,,,,,,,,,,,,,
            admit-tenant,gbk-ten-1,,,,,,,,gbk-inc-1,成都蓉芯科技有限公司,91510100MA6123456W,集成电路,2017/1/9,2018/4/1,,,,,,,
            receive-investment,gbk-ten-1,,,,,,,,,,,,,,SEED,天府种子基金,"1,000,000.00",CNY,2019/6/30,,
            report-headcount,gbk-ten-1,郫都,,,,,,,,,,,,,,,,,,很多,2019/13/31
            """;

    @Test
    void takesWhatExcelWritesAndReportsEveryProblemOfARow() throws Exception {
        Path gbk = dir.resolve("excel.csv");
        Files.write(gbk, EXCEL_CSV.getBytes(java.nio.charset.Charset.forName("GBK")));

        assertThat(runImport(gbk)).isEqualTo(1);
        ImportFile rejected = report();
        assertThat(rejected.lines()).hasSize(1);
        assertThat(rejection(rejected, 0)).isEqualTo("line 5: name = 郫都: is not a field of report-headcount; "
                + "employees = 很多: is not a number; reportedOn = 2019/13/31: is not a date (YYYY-MM-DD)");

        // The person fixes the rejected file where it is and imports it again: its rejection column is ignored.
        List<String> header = rejected.header();
        List<String> fixed = new java.util.ArrayList<>(rejected.lines().get(0).cells());
        fixed.set(header.indexOf("name"), "");
        fixed.set(header.indexOf("employees"), "12");
        fixed.set(header.indexOf("reportedOn"), "2019/12/31");
        Path again = dir.resolve("fixed.csv");
        Files.writeString(again, "\uFEFF" + String.join(",", header) + "\n" + String.join(",", fixed) + "\n",
                          StandardCharsets.UTF_8);
        assertThat(runImport(again)).isZero();

        Path xlsx = dir.resolve("excel.xlsx");
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            var sheet = book.createSheet("导入");
            var dates = book.createCellStyle();
            dates.setDataFormat(book.createDataFormat().getFormat("yyyy/m/d"));
            var thousands = book.createCellStyle();
            thousands.setDataFormat(book.createDataFormat().getFormat("#,##0.00"));
            String[] columns = {"command", "id", "name", "kind", "regionCode", "operator", "openedOn", "floorAreaM2",
                                "staff"};
            var top = sheet.createRow(0);
            for (int c = 0; c < columns.length; c++) {
                top.createCell(c).setCellValue(columns[c]);
            }
            var row = sheet.createRow(1);
            row.createCell(0).setCellValue("register-incubator");
            row.createCell(1).setCellValue("xlsx-inc-1");
            row.createCell(2).setCellValue("重庆两江孵化器");
            row.createCell(3).setCellValue("INCUBATOR");
            row.createCell(4).setCellValue(500112);
            row.createCell(5).setCellValue("两江新区管委会");
            var opened = row.createCell(6);
            opened.setCellValue(LocalDate.of(2016, 9, 1));
            opened.setCellStyle(dates);
            var area = row.createCell(7);
            area.setCellValue(15000.5);
            area.setCellStyle(thousands);
            row.createCell(8).setCellValue(12);
            try (var out = Files.newOutputStream(xlsx)) {
                book.write(out);
            }
        }
        assertThat(runImport(xlsx)).isZero();

        RegionalTotals totals = totals();
        assertThat(totals.carriers().total()).isEqualTo(2);
        assertThat(totals.floorAreaM2()).isEqualByComparingTo("16200.5");
        assertThat(totals.jobs()).isEqualTo(12);
        assertThat(totals.investment().amountCny()).isEqualByComparingTo(new BigDecimal("1000000"));
    }

    @Test
    void aFileWithAnUnknownColumnIsAUsageError() throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "command,id,colour\nregister-incubator,x,red\n", StandardCharsets.UTF_8);

        assertThat(runImport(file)).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("data"))).isFalse();
    }

    ConfigurableApplicationContext ledger() {
        return new SpringApplicationBuilder(LedgerApplication.class).web(WebApplicationType.NONE)
                                                                   .run("--ledger.data-dir=" + dir.resolve("data"),
                                                                        LedgerHttp.ADMIN_PASSWORD_ARGUMENT);
    }

    RegionalTotals totals() {
        try (ConfigurableApplicationContext ledger = ledger()) {
            assertThat(ledger.getBean(ProjectionService.class).awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            return ledger.getBean(RegionalTotalsQueries.class).totals("chengyu", LocalDate.of(2021, 6, 30),
                                                                      Instant.now());
        }
    }

    List<Object> actors(String aggregate) {
        try (ConfigurableApplicationContext ledger = ledger()) {
            return ledger.getBean(EventStore.class).readEvents(aggregate).asStream()
                         .map(event -> event.getMetaData().get("actor")).toList();
        }
    }

    long eventCount() {
        try (ConfigurableApplicationContext ledger = ledger()) {
            return ledger.getBean(com.mongodb.client.MongoDatabase.class).getCollection("events").countDocuments();
        }
    }
}
