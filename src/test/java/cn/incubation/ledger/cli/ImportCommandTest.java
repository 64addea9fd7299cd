package cn.incubation.ledger.cli;

import cn.incubation.ledger.LedgerApplication;
import cn.incubation.ledger.projector.ProjectionService;
import cn.incubation.ledger.regionaltotals.RegionalTotals;
import cn.incubation.ledger.regionaltotals.RegionalTotalsQueries;
import cn.incubation.ledger.web.LedgerHttp;
import org.apache.commons.csv.CSVFormat;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.Reader;
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

    List<CSVRecord> report() throws Exception {
        try (Reader reader = Files.newBufferedReader(dir.resolve("rejected.csv"), StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }

    @Test
    void importsGoodRowsReportsBadOnesAndStoresNothingNewTheSecondTime() throws Exception {
        Path file = dir.resolve("ledger.csv");
        Files.writeString(file, CSV, StandardCharsets.UTF_8);

        assertThat(runImport(file)).isEqualTo(1);
        List<CSVRecord> rejected = report();
        assertThat(rejected).extracting(r -> r.get("line") + " " + r.get("field"))
                            .containsExactly("4 regionCode", "7 creditCode", "11 reportedOn", "12 name", "13 id",
                                             "14 command");
        assertThat(rejected.get(0).get("reason")).contains("region catalog");
        assertThat(rejected.get(1).get("reason")).isEqualTo("check character must be 'W' (GB 32100-2015)");
        assertThat(rejected.get(2).get("reason")).isEqualTo("must not be before the tenant was admitted (2019-02-01)");
        assertThat(rejected.get(3).get("reason")).startsWith("is not a field of report-headcount");

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
        assertThat(report()).hasSize(6);
        assertThat(eventCount()).isEqualTo(events);
        assertThat(totals()).usingRecursiveComparison().ignoringFields("knownAt").isEqualTo(first);
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
