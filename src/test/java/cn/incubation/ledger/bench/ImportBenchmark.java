package cn.incubation.ledger.bench;

import cn.incubation.ledger.LedgerApplication;
import cn.incubation.ledger.cli.LedgerCli;
import cn.incubation.ledger.cli.TestCredentials;
import cn.incubation.ledger.shared.CreditCode;
import cn.incubation.ledger.web.LedgerHttp;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The import rate of the command line ({@code import FILE --server URL}) beside the raw batched insert rate of the
 * same embedded server, in one run: a CSV of {@code bench.rows} rows (carriers, admissions, headcounts, IP grants,
 * investments), imported twice (the second run stores nothing). Run with {@code mvn -B -q -Pbenchmark test-compile
 * exec:exec -Dbench.main=cn.incubation.ledger.bench.ImportBenchmark} ({@code -Dbench.args="-Dbench.rows=20000"}).
 */
public final class ImportBenchmark {

    private static final int ROWS = Integer.getInteger("bench.rows", 10_000);

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        Path dir = Files.createTempDirectory("ledger-bench-import");
        Path csv = dir.resolve("import.csv");
        int rows = writeCsv(csv);
        try (ConfigurableApplicationContext ledger = new SpringApplicationBuilder(LedgerApplication.class)
                .run("--server.port=0", "--ledger.data-dir=" + dir.resolve("data"), "--logging.level.root=WARN",
                     LedgerHttp.ADMIN_PASSWORD_ARGUMENT)) {
            String server = "http://127.0.0.1:" + ((WebServerApplicationContext) ledger).getWebServer().getPort();
            long t0 = System.nanoTime();
            TestCredentials.password(LedgerHttp.ADMIN_PASSWORD);
            int first = LedgerCli.run("import", csv.toString(), "--server", server, "--user", LedgerHttp.ADMIN);
            double importSeconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            int second = LedgerCli.run("import", csv.toString(), "--server", server, "--user", LedgerHttp.ADMIN);
            double againSeconds = (System.nanoTime() - t1) / 1e9;
            double raw = rawInsertMany(ledger.getBean(MongoDatabase.class), rows);
            System.out.println();
            System.out.println("| measure | rows | seconds | rows/s | ratio to raw insertMany |");
            System.out.println("| --- | ---: | ---: | ---: | ---: |");
            System.out.printf(Locale.ROOT, "| raw insertMany, batches of 100, same server | %,d | %.1f | %,.0f | 1.00 |%n",
                              rows, rows / raw, raw);
            System.out.printf(Locale.ROOT, "| import (exit %d) | %,d | %.1f | %,.0f | %.3f |%n", first, rows,
                              importSeconds, rows / importSeconds, rows / importSeconds / raw);
            System.out.printf(Locale.ROOT, "| import again, nothing new (exit %d) | %,d | %.1f | %,.0f | %.3f |%n",
                              second, rows, againSeconds, rows / againSeconds, rows / againSeconds / raw);
        }
    }

    private static final List<String> HEADER = List.of(
            "command", "id", "name", "kind", "regionCode", "operator", "openedOn", "floorAreaM2", "staff", "incubatorId",
            "companyName", "creditCode", "sector", "foundedOn", "admittedOn", "employees", "reportedOn", "number",
            "title", "grantedOn");

    private static String row(String... pairs) {
        java.util.Map<String, String> cells = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            cells.put(pairs[i], pairs[i + 1]);
        }
        return String.join(",", HEADER.stream().map(h -> cells.getOrDefault(h, "")).toList());
    }

    private static int writeCsv(Path csv) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", HEADER));
        int carrier = 0;
        int tenant = 0;
        while (lines.size() - 1 < ROWS) {
            String incubator = "imp-inc-" + (++carrier);
            lines.add(row("command", "register-incubator", "id", incubator, "name", "孵化器" + carrier, "kind",
                          "INCUBATOR", "regionCode", "510107", "operator", "运营方", "openedOn", "2016-01-01",
                          "floorAreaM2", "5000", "staff", "10"));
            for (int t = 0; t < 20 && lines.size() - 1 < ROWS; t++) {
                String id = "imp-ten-" + (++tenant);
                String first17 = String.format("91510100MA%07d", tenant);
                lines.add(row("command", "admit-tenant", "id", id, "incubatorId", incubator, "companyName",
                              "科技公司" + tenant, "creditCode", first17 + CreditCode.checkCharacter(first17), "sector",
                              "软件", "foundedOn", "2017-01-01", "admittedOn", "2018-01-01"));
                for (int year = 2018; year <= 2022 && lines.size() - 1 < ROWS; year++) {
                    lines.add(row("command", "report-headcount", "id", id, "employees",
                                  Integer.toString(5 + year - 2018), "reportedOn", year + "-12-31"));
                }
                if (lines.size() - 1 < ROWS) {
                    lines.add(row("command", "grant-ip", "id", id, "kind", "SOFTWARE_COPYRIGHT", "number",
                                  "2019SR" + tenant, "title", "软件", "grantedOn", "2019-06-01"));
                }
            }
        }
        Files.write(csv, lines, StandardCharsets.UTF_8);
        return lines.size() - 1;
    }

    private static double rawInsertMany(MongoDatabase database, int rows) {
        MongoCollection<Document> raw = database.getCollection("bench_raw_import");
        String padding = "x".repeat(300);
        long t0 = System.nanoTime();
        for (int i = 0; i < rows; i += 100) {
            List<Document> batch = new ArrayList<>();
            for (int j = i; j < Math.min(rows, i + 100); j++) {
                batch.add(new Document("_id", j).append("row", padding));
            }
            raw.insertMany(batch);
        }
        return rows / ((System.nanoTime() - t0) / 1e9);
    }
}
