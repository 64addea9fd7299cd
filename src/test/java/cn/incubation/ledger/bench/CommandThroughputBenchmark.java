package cn.incubation.ledger.bench;

import cn.incubation.ledger.LedgerApplication;
import cn.incubation.ledger.shared.CreditCode;
import cn.incubation.ledger.web.LedgerHttp;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static cn.incubation.ledger.web.LedgerHttp.json;

/**
 * Commands per second through the ledger's HTTP API on one connection and on eight, beside the raw single-document
 * insert rate of the same embedded MongoDB through the same driver, measured in one run. Run with
 * {@code mvn -B -q -Pbenchmark test-compile exec:exec -Dbench.main=cn.incubation.ledger.bench.CommandThroughputBenchmark}
 * ({@code -Dbench.args="-Dbench.seconds=20 -Dbench.backend=memory"} to change the defaults: 15 s per phase, H2).
 */
public final class CommandThroughputBenchmark {

    private static final int SECONDS = Integer.getInteger("bench.seconds", 15);
    private static final String BACKEND = System.getProperty("bench.backend", "h2");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private CommandThroughputBenchmark() {
    }

    record Row(String workload, int connections, long operations, double seconds) {
        double rate() {
            return operations / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        Path dataDir = Files.createTempDirectory("ledger-bench-commands");
        System.out.printf("Command throughput: %d s per phase, embedded MongoDB (%s) in %s%n", SECONDS, BACKEND,
                          dataDir);
        try (ConfigurableApplicationContext ledger = new SpringApplicationBuilder(LedgerApplication.class)
                .run("--server.port=0", "--ledger.data-dir=" + dataDir, "--ledger.embedded.backend=" + BACKEND,
                     "--logging.level.root=WARN", LedgerHttp.ADMIN_PASSWORD_ARGUMENT)) {
            int port = ((WebServerApplicationContext) ledger).getWebServer().getPort();
            MongoDatabase database = ledger.getBean(MongoDatabase.class);
            String incubator = "inc-bench";
            check(new LedgerHttp(port).post("/api/incubators", json("{'incubatorId':'" + incubator + "','name':'基准孵化器',"
                    + "'kind':'INCUBATOR','regionCode':'510107','operator':'x','openedOn':'2016-01-01',"
                    + "'floorAreaM2':'10000','staff':10}")), 201);

            List<Row> rows = new ArrayList<>();
            run("warm-up", 1, 3, i -> headcounts(port, admit(port, incubator)));
            for (int connections : new int[] {1, 8}) {
                rows.add(run("raw insertOne (driver)", connections, SECONDS, i -> rawInserts(database, i)));
                rows.add(run("report-headcount", connections, SECONDS, i -> headcounts(port, admit(port, incubator))));
                rows.add(run("admit-tenant", connections, SECONDS, i -> admissions(port, incubator)));
            }
            print(rows);
        }
    }

    /** One operation per call; each connection gets its own client, so eight connections are eight sockets. */
    interface Operation {
        void run() throws Exception;
    }

    static Operation headcounts(int port, String tenant) {
        LedgerHttp http = new LedgerHttp(port);
        AtomicInteger n = new AtomicInteger();
        return () -> check(http.post("/api/tenants/" + tenant + "/headcount", json("{'employees':" + n.incrementAndGet()
                % 500 + ",'reportedOn':'2021-12-31'}")), 200);
    }

    static Operation admissions(int port, String incubator) {
        LedgerHttp http = new LedgerHttp(port);
        return () -> admit(http, incubator);
    }

    static String admit(int port, String incubator) {
        return admit(new LedgerHttp(port), incubator);
    }

    static String admit(LedgerHttp http, String incubator) {
        int n = SEQUENCE.incrementAndGet();
        String first17 = String.format("91510100MA%07d", n);
        String tenant = "ten-bench-" + n;
        check(http.post("/api/tenants", json("{'tenantId':'" + tenant + "','incubatorId':'" + incubator + "',"
                + "'companyName':'基准科技有限公司','creditCode':'" + first17 + CreditCode.checkCharacter(first17) + "',"
                + "'sector':'软件','foundedOn':'2018-01-01','admittedOn':'2019-01-01'}")), 201);
        return tenant;
    }

    static Operation rawInserts(MongoDatabase database, int connection) {
        MongoCollection<Document> raw = database.getCollection("bench_raw_inserts");
        String padding = "x".repeat(400);
        return () -> raw.insertOne(new Document("_id", SEQUENCE.incrementAndGet())
                                           .append("type", "HeadcountReported").append("payload", padding));
    }

    static void check(LedgerHttp.Answer answer, int status) {
        if (answer.status() != status) {
            throw new IllegalStateException("expected " + status + " but got " + answer);
        }
    }

    static Row run(String workload, int connections, int seconds, IntFunction<Operation> setUp) throws Exception {
        List<Operation> operations = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            operations.add(setUp.apply(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            long start = System.nanoTime();
            List<Future<Long>> counts = new ArrayList<>();
            for (Operation operation : operations) {
                counts.add(pool.submit(() -> {
                    long count = 0;
                    while (System.nanoTime() < deadline) {
                        operation.run();
                        count++;
                    }
                    return count;
                }));
            }
            long total = 0;
            for (Future<Long> count : counts) {
                total += count.get();
            }
            Row row = new Row(workload, connections, total, (System.nanoTime() - start) / 1e9);
            System.out.printf(Locale.ROOT, "  %-24s %d connection(s): %,d in %.1f s%n", workload, connections, total,
                              row.seconds());
            return row;
        } finally {
            pool.shutdownNow();
        }
    }

    static void print(List<Row> rows) {
        System.out.println();
        System.out.println("| workload | connections | operations | seconds | per second | ratio to raw insertOne |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (Row row : rows) {
            double raw = rows.stream().filter(r -> r.workload().startsWith("raw") && r.connections() == row.connections())
                             .findFirst().map(Row::rate).orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "| %s | %d | %,d | %.1f | %,.0f | %.2f |%n", row.workload(),
                              row.connections(), row.operations(), row.seconds(), row.rate(), row.rate() / raw);
        }
    }
}
