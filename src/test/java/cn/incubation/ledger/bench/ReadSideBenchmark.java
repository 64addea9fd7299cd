package cn.incubation.ledger.bench;

import cn.incubation.ledger.shared.CommandMetadata;
import cn.incubation.ledger.incubator.AccreditationLevel;
import cn.incubation.ledger.incubator.CarrierKind;
import cn.incubation.ledger.incubator.IncubatorEvent;
import cn.incubation.ledger.projector.ProjectionService;
import cn.incubation.ledger.region.RegionCatalog;
import cn.incubation.ledger.shared.CreditCode;
import cn.incubation.ledger.tenant.IpKind;
import cn.incubation.ledger.tenant.Round;
import cn.incubation.ledger.tenant.TenantEvent;
import cn.incubation.ledger.web.LedgerHttp;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The read side on a large ledger: loads a synthetic history of {@code bench.events} events (500,000 by default)
 * spread over the Chengdu–Chongqing circle's real districts, waits for the projections, then measures query latency
 * through the HTTP server (p50/p95) and the rate of rebuilding every projection beside the raw read rate of the same
 * events, in one run. The synthetic history is appended to the event store as the aggregates would have written it
 * (each aggregate's events in sequence), which a read-side benchmark may do; the demo generator goes through the
 * commands. Run: {@code mvn -B -q -Pbenchmark test-compile exec:exec
 * -Dbench.main=cn.incubation.ledger.bench.ReadSideBenchmark} ({@code -Dbench.args="-Dbench.events=100000"}; also
 * {@code bench.samples}, {@code bench.alone=false} to skip rebuilding each projection alone,
 * {@code bench.jfr=FILE} for a flight recording of the rebuild of all projections, {@code bench.rebuild=a,b} to
 * rebuild only those in the one-pass measure, and {@code bench.data=DIR} to keep
 * the ledger in DIR and, when DIR already holds this history, measure it again without loading it). Each timed
 * step starts from a collected heap ({@link Measured#of}).
 */
public final class ReadSideBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.events", 500_000);
    private static final int SAMPLES = Integer.getInteger("bench.samples", 200);
    /** Whether to rebuild each projection alone before rebuilding all of them together. */
    private static final boolean ALONE = Boolean.parseBoolean(System.getProperty("bench.alone", "true"));
    /** Where to write a flight recording (JFR, profile settings) of rebuilding all projections; empty: none. */
    private static final String JFR = System.getProperty("bench.jfr", "");
    /** The projections of the one-pass rebuild, comma-separated; empty: all. */
    private static final String REBUILD = System.getProperty("bench.rebuild", "");
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private ReadSideBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = BenchLedger.dataDir("ledger-bench-read");
        // The first pass's own time ("Rebuilt … in … s"), beside the whole rebuild's.
        try (ConfigurableApplicationContext ledger = BenchLedger.start(
                dataDir, "--logging.level.cn.incubation.ledger.projector.Rebuild=INFO")) {
            int port = BenchLedger.port(ledger);
            ProjectionService projections = ledger.getBean(ProjectionService.class);
            RegionCatalog regions = ledger.getBean(RegionCatalog.class);
            MongoDatabase database = ledger.getBean(MongoDatabase.class);

            List<DomainEventMessage<?>> history = new Synthetic(regions, 20251231L).generate(EVENTS);
            System.out.printf(Locale.ROOT, "Read side: %,d synthetic events, embedded MongoDB (H2) in %s%n",
                              history.size(), dataDir);
            BenchLedger.Load load = BenchLedger.load(ledger, history, dataDir, Duration.ofMinutes(60));
            if (load.appended()) {
                System.out.printf(Locale.ROOT, "  appended in %.1f s (%,.0f events/s)%n", load.appendSeconds(),
                                  history.size() / load.appendSeconds());
            }
            System.out.printf(Locale.ROOT, "  projections caught up %.1f s after the load began%n",
                              load.caughtUpSeconds());

            LedgerHttp http = new LedgerHttp(port);
            String incubator = ((IncubatorEvent) history.stream().filter(e -> e.getPayload() instanceof IncubatorEvent)
                                                       .findFirst().orElseThrow().getPayload()).incubatorId();
            String investor = "成都天使投资基金1号";
            String past = "2024-06-30T12:00:00Z";
            List<String[]> queries = List.of(
                    new String[] {"totals, district (510107)", "/api/regions/510107/totals?asOf=2025-12-31"},
                    new String[] {"totals, province (510000)", "/api/regions/510000/totals?asOf=2025-12-31"},
                    new String[] {"totals, chengyu", "/api/regions/chengyu/totals?asOf=2025-12-31"},
                    new String[] {"totals, chengyu, knownAt in the past",
                                  "/api/regions/chengyu/totals?asOf=2023-12-31&knownAt=" + past},
                    new String[] {"series, chengyu, 10 years yearly",
                                  "/api/regions/chengyu/series?from=2016-01-01&to=2025-12-31&granularity=YEAR"},
                    new String[] {"comparison, chengyu", "/api/regions/chengyu/comparison?from=2020-12-31&to=2025-12-31"},
                    new String[] {"incubator history, first page", "/api/incubators/" + incubator + "/history?size=20"},
                    new String[] {"investor trail", "/api/investors/" + investor + "/investments"});
            System.out.println();
            System.out.println("| query | samples | p50 ms | p95 ms | target p95 |");
            System.out.println("| --- | ---: | ---: | ---: | --- |");
            for (String[] q : queries) {
                if (http.get(q[1]).status() != 200) {
                    System.out.printf("| %s | - | - | - | answered %d |%n", q[0], http.get(q[1]).status());
                    continue;
                }
                BenchLedger.Timings timings = BenchLedger.time(() -> http.get(q[1]), 20, SAMPLES);
                String target = q[0].startsWith("totals") ? "≤ 50 ms" : q[0].startsWith("series") ? "≤ 200 ms" : "";
                System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %s |%n", q[0], SAMPLES, timings.p50(),
                                  timings.p95(), target);
            }

            long head = projections.head();
            double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            Measured rawBefore = Measured.of(() -> rawRead(database.getCollection("events"), head));
            Map<String, Measured> rebuilds = new LinkedHashMap<>();
            for (ProjectionService.Status status : ALONE ? projections.status() : List.<ProjectionService.Status>of()) {
                Measured rebuild = Measured.of(() -> {
                    projections.replay(status.name());
                    if (!projections.awaitCaughtUp(Duration.ofMinutes(60))) {
                        throw new IllegalStateException("rebuild of " + status.name() + " did not finish");
                    }
                });
                rebuilds.put("rebuild of " + status.name() + " alone", rebuild);
                System.out.printf(Locale.ROOT, "  rebuilt %s in %.1f s%n", status.name(), rebuild.seconds());
            }
            Recording recording = JFR.isEmpty() ? null : new Recording(Configuration.getConfiguration("profile"));
            if (recording != null) {
                recording.start();
            }
            List<String> chosen = REBUILD.isEmpty() ? List.of() : List.of(REBUILD.split(","));
            Measured all = Measured.of(() -> {
                projections.replay(chosen);
                if (!projections.awaitCaughtUp(Duration.ofMinutes(60))) {
                    throw new IllegalStateException("rebuild did not finish");
                }
            });
            if (recording != null) {
                recording.dump(Path.of(JFR));
                recording.close();
                System.out.println("  flight recording of the rebuild of all projections: " + JFR);
            }
            rebuilds.put(chosen.isEmpty() ? "rebuild of all " + projections.status().size() + " projections, together"
                                 : "rebuild of " + String.join(", ", chosen) + " in one pass", all);
            Measured rawAfter = Measured.of(() -> rawRead(database.getCollection("events"), head));
            double rawSeconds = (rawBefore.seconds() + rawAfter.seconds()) / 2;
            double rawCpu = (rawBefore.cpuSeconds() + rawAfter.cpuSeconds()) / 2;
            double raw = history.size() / rawSeconds;
            System.out.println();
            System.out.printf(Locale.ROOT, "Load average before the rebuilds %.1f, after %.1f (this machine has %d cores; "
                                      + "CPU s: the whole process's CPU time)%n", loadBefore,
                              ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                              Runtime.getRuntime().availableProcessors());
            System.out.println();
            System.out.println("| measure | events | seconds | events/s | ratio to raw read | CPU s | target |");
            System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
            System.out.printf(Locale.ROOT, "| raw read, `_id $in` batches of 1000 (mean of before and after) | %,d | %.1f |"
                                      + " %,.0f | 1.00 | %.1f | |%n", history.size(), rawSeconds, raw, rawCpu);
            rebuilds.forEach((name, rebuild) -> {
                double rate = history.size() / rebuild.seconds();
                System.out.printf(Locale.ROOT, "| %s | %,d | %.1f | %,.0f | %.2f | %.1f | %s |%n", name, history.size(),
                                  rebuild.seconds(), rate, rate / raw, rebuild.cpuSeconds(),
                                  name.contains("together") ? "≥ 0.30" : "");
            });
        }
    }

    /** Wall-clock and process CPU time of one measured step. */
    record Measured(double seconds, double cpuSeconds) {

        interface Step {
            void run() throws Exception;
        }

        /**
         * Times one step from a collected heap, so that garbage left by the steps before it (the load, the rebuilds
         * before) is not collected on its time: in one run a full collection of 2.0 s, forced by what the rebuilds of
         * each projection alone had left, fell into the rebuild of all of them.
         */
        static Measured of(Step step) throws Exception {
            System.gc();
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            step.run();
            return new Measured((System.nanoTime() - t0) / 1e9, (os.getProcessCpuTime() - cpu) / 1e9);
        }
    }

    private static long rawRead(MongoCollection<Document> events, long head) {
        long read = 0;
        for (long first = 1; first <= head; first += 1000) {
            List<Long> ids = new ArrayList<>(1000);
            for (long id = first; id < first + 1000 && id <= head; id++) {
                ids.add(id);
            }
            try (MongoCursor<Document> cursor = events.find(Filters.in("_id", ids)).iterator()) {
                while (cursor.hasNext()) {
                    cursor.next();
                    read++;
                }
            }
        }
        return read;
    }

    /** A history with the shape of the real one: carriers with yearly reports, tenants with their lifecycles. */
    static final class Synthetic {
        private final List<String> leaves;
        private final SplittableRandom random;
        private final List<Dated> events = new ArrayList<>();
        private int codes;

        record Dated(LocalDate date, String type, String id, Object payload, String recordedAt) {
        }

        Synthetic(RegionCatalog regions, long seed) {
            this.leaves = new ArrayList<>(regions.leaves("chengyu"));
            this.random = new SplittableRandom(seed);
        }

        List<DomainEventMessage<?>> generate(int target) {
            int carrier = 0;
            while (events.size() < target) {
                carrier(++carrier, target);
            }
            events.sort(Comparator.comparing(Dated::date));
            Map<String, Long> sequences = new java.util.HashMap<>();
            List<DomainEventMessage<?>> messages = new ArrayList<>(target);
            for (Dated d : events.subList(0, target)) {
                long sequence = sequences.merge(d.id(), 1L, Long::sum) - 1;
                messages.add(new GenericDomainEventMessage<>(d.type(), d.id(), sequence, d.payload(),
                                                             MetaData.with(CommandMetadata.RECORDED_AT, d.recordedAt())
                                                                     .and("actor", "benchmark")));
            }
            return messages;
        }

        private void carrier(int n, int target) {
            String id = "inc-bench-" + n;
            String region = leaves.get(random.nextInt(leaves.size()));
            LocalDate opened = LocalDate.of(2012 + random.nextInt(8), 1 + random.nextInt(12), 1);
            CarrierKind kind = CarrierKind.values()[random.nextInt(3)];
            Sequence seq = new Sequence("Incubator", id);
            add(seq, opened, new IncubatorEvent.IncubatorRegistered(id, "孵化器" + n, kind, region, "运营方" + n, opened,
                                                                    BigDecimal.valueOf(2000 + random.nextInt(20000)),
                                                                    5 + random.nextInt(20)));
            add(seq, opened.plusYears(1), new IncubatorEvent.IncubatorAccredited(
                    id, AccreditationLevel.values()[random.nextInt(4)], opened.plusYears(1)));
            for (int year = opened.getYear() + 1; year <= 2025; year++) {
                LocalDate end = LocalDate.of(year, 12, 31);
                add(seq, end, new IncubatorEvent.StaffReported(id, 5 + random.nextInt(25), end));
            }
            int tenants = 30 + random.nextInt(30);
            for (int t = 0; t < tenants && events.size() < target; t++) {
                tenant(id, n + "-" + t, opened);
            }
        }

        private void tenant(String incubator, String suffix, LocalDate opened) {
            String id = "ten-bench-" + suffix;
            LocalDate admitted = opened.plusDays(random.nextInt((int) (LocalDate.of(2025, 6, 30).toEpochDay()
                    - opened.toEpochDay())));
            String first17 = String.format("91510100MA%07d", ++codes);
            String code = first17 + CreditCode.checkCharacter(first17);
            Sequence seq = new Sequence("Tenant", id);
            add(seq, admitted, new TenantEvent.TenantAdmitted(id, incubator, "科技公司" + suffix,
                                                              code, "软件",
                                                              admitted.minusYears(1), admitted));
            LocalDate end = admitted.plusDays(365 + random.nextInt(3 * 365));
            LocalDate last = end.isAfter(LocalDate.of(2025, 12, 31)) ? LocalDate.of(2025, 12, 31) : end;
            for (LocalDate d = admitted.plusMonths(3); d.isBefore(last); d = d.plusMonths(5)) {
                add(seq, d, new TenantEvent.IpGranted(id, incubator, IpKind.values()[random.nextInt(6)],
                                                      "ZL" + suffix + "-" + d, "成果", d));
            }
            for (int year = admitted.getYear(); year <= last.getYear(); year++) {
                LocalDate report = LocalDate.of(year, 12, 31);
                if (!report.isBefore(admitted) && !report.isAfter(last)) {
                    add(seq, report, new TenantEvent.HeadcountReported(id, incubator, 3 + random.nextInt(60), report));
                }
            }
            if (random.nextInt(3) == 0) {
                LocalDate on = admitted.plusMonths(2);
                if (on.isBefore(last)) {
                    add(seq, on, new TenantEvent.InvestmentReceived(id, incubator, "inv-" + suffix, Round.ANGEL,
                                                                    "成都天使投资基金" + (1 + random.nextInt(20)) + "号",
                                                                    BigDecimal.valueOf(500_000 + random.nextInt(5_000_000)),
                                                                    "CNY", BigDecimal.ONE, on));
                }
            }
            if (!end.isAfter(LocalDate.of(2025, 12, 31))) {
                add(seq, end, random.nextBoolean()
                        ? new TenantEvent.TenantGraduated(id, incubator, code, end, "营收达标")
                        : new TenantEvent.TenantWithdrawn(id, incubator, code, end, "迁出"));
            }
        }

        private void add(Sequence seq, LocalDate date, Object payload) {
            String recordedAt = date.plusDays(random.nextInt(20)).atTime(10, 0).atZone(CHINA).toInstant().toString();
            events.add(new Dated(date, seq.type(), seq.id(), payload, recordedAt));
        }

        /** An aggregate's type and id; sequence numbers are given after the events are put in date order. */
        private record Sequence(String type, String id) {
        }
    }
}
