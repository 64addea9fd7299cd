package cn.incubation.ledger.bench;

import cn.incubation.ledger.LedgerApplication;
import cn.incubation.ledger.bench.ReadSideBenchmark.Measured;
import cn.incubation.ledger.bench.ReadSideBenchmark.Synthetic;
import cn.incubation.ledger.projector.ProjectionService;
import cn.incubation.ledger.region.RegionCatalog;
import cn.incubation.ledger.shared.CreditCode;
import cn.incubation.ledger.web.LedgerHttp;
import cn.incubation.ledger.web.LedgerHttp.Answer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The lists and searches on a large ledger: loads {@code bench.events} synthetic events (500,000 by default; the
 * history of {@link ReadSideBenchmark}, whose tenants are all named 科技公司…, so that a short beginning is the worst
 * case of the name index), waits for the projections, and measures p50/p95 of each list and search through the HTTP
 * server, then the rebuild of the directory projection. Run: {@code mvn -B -q -Pbenchmark test-compile exec:exec
 * -Dbench.main=cn.incubation.ledger.bench.DirectoryBenchmark -Dbench.args="-Dbench.events=100000"} (also
 * {@code bench.samples}, {@code bench.data=DIR} to keep the ledger in DIR and measure it again without loading it).
 */
public final class DirectoryBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.events", 500_000);
    private static final int SAMPLES = Integer.getInteger("bench.samples", 200);

    private DirectoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        String reuse = System.getProperty("bench.data", "");
        Path dataDir = reuse.isEmpty() ? Files.createTempDirectory("ledger-bench-directory") : Path.of(reuse);
        try (ConfigurableApplicationContext ledger = new SpringApplicationBuilder(LedgerApplication.class)
                .run("--server.port=0", "--ledger.data-dir=" + dataDir, "--logging.level.root=WARN",
                     LedgerHttp.ADMIN_PASSWORD_ARGUMENT)) {
            int port = ((WebServerApplicationContext) ledger).getWebServer().getPort();
            EventStore eventStore = ledger.getBean(EventStore.class);
            ProjectionService projections = ledger.getBean(ProjectionService.class);

            List<DomainEventMessage<?>> history = new Synthetic(ledger.getBean(RegionCatalog.class), 20251231L)
                    .generate(EVENTS);
            System.out.printf(Locale.ROOT, "Lists and search: %,d synthetic events, embedded MongoDB (H2) in %s%n",
                              history.size(), dataDir);
            long stored = projections.head();
            if (stored > 0 && stored < history.size()) {
                throw new IllegalStateException(dataDir + " holds " + stored + " events, not the " + history.size()
                                                        + " of this history: give an empty or matching bench.data");
            }
            long t0 = System.nanoTime();
            // The head of an empty store is below zero: load unless the data directory holds this history already.
            for (int i = 0; i < history.size() && stored < history.size(); i += 100) {
                eventStore.publish(history.subList(i, Math.min(history.size(), i + 100)));
            }
            if (!projections.awaitCaughtUp(Duration.ofMinutes(60))) {
                throw new IllegalStateException("projections did not catch up");
            }
            System.out.printf(Locale.ROOT, "  loaded and projected in %.1f s%n", (System.nanoTime() - t0) / 1e9);

            String firstCode = "91510100MA0000001" + CreditCode.checkCharacter("91510100MA0000001");
            List<String[]> queries = List.of(
                    new String[] {"carriers, district (510107)", "/api/carriers?region=510107"},
                    new String[] {"carriers, city (510100), by floor area", "/api/carriers?region=510100"
                            + "&sort=floorArea,desc"},
                    new String[] {"carriers, province (510000), incubators, national",
                                  "/api/carriers?region=510000&kind=INCUBATOR&level=NATIONAL"},
                    new String[] {"carriers, chengyu, open, page 3 by tenants",
                                  "/api/carriers?region=chengyu&status=OPEN&sort=tenants,desc&page=3&size=50"},
                    new String[] {"carriers, chengyu, on 2020-12-31", "/api/carriers?region=chengyu&asOf=2020-12-31"},
                    new String[] {"a carrier's tenants in incubation", "/api/incubators/inc-bench-1/tenants"
                            + "?status=IN_INCUBATION"},
                    new String[] {"a carrier's tenants, by name, page 2", "/api/incubators/inc-bench-2/tenants"
                            + "?sort=name&size=20&page=1"},
                    new String[] {"tenants by credit code", "/api/tenants?creditCode=" + firstCode},
                    new String[] {"tenants by name, 科 (every name)", "/api/tenants?name=" + encoded("科")},
                    new String[] {"tenants by name, 科技公司1 (a ninth)", "/api/tenants?name=" + encoded("科技公司1")
                            + "&page=5"},
                    new String[] {"tenants by name, 科技公司12- (a few)", "/api/tenants?name=" + encoded("科技公司12-")},
                    new String[] {"investors, by amount", "/api/investors?sort=amountCny,desc"});
            LedgerHttp http = new LedgerHttp(port);
            System.out.println();
            System.out.println("| query | rows | total | samples | p50 ms | p95 ms | target p95 |");
            System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
            for (String[] q : queries) {
                Answer first = http.get(q[1]);
                if (first.status() != 200) {
                    System.out.printf("| %s | - | - | - | - | - | answered %s |%n", q[0], first);
                    continue;
                }
                for (int i = 0; i < 20; i++) {
                    http.get(q[1]);
                }
                long[] nanos = new long[SAMPLES];
                for (int i = 0; i < SAMPLES; i++) {
                    long s = System.nanoTime();
                    http.get(q[1]);
                    nanos[i] = System.nanoTime() - s;
                }
                Arrays.sort(nanos);
                System.out.printf(Locale.ROOT, "| %s | %d | %s | %d | %.1f | %.1f | ≤ 50 ms |%n", q[0], rows(first),
                                  first.json().path("total").asText("-"), SAMPLES, nanos[SAMPLES / 2] / 1e6,
                                  nanos[(int) (SAMPLES * 0.95)] / 1e6);
            }

            Measured rebuild = Measured.of(() -> {
                projections.replay("directory");
                if (!projections.awaitCaughtUp(Duration.ofMinutes(60))) {
                    throw new IllegalStateException("rebuild of the directory did not finish");
                }
            });
            System.out.printf(Locale.ROOT, "%nRebuild of the directory projection: %.1f s (%,.0f events/s), %.1f CPU s%n",
                              rebuild.seconds(), history.size() / rebuild.seconds(), rebuild.cpuSeconds());
        }
    }

    private static int rows(Answer answer) {
        for (String field : List.of("carriers", "tenants", "investors")) {
            if (answer.json().has(field)) {
                return answer.json().get(field).size();
            }
        }
        return -1;
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
