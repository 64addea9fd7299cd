package cn.incubation.ledger.bench;

import cn.incubation.ledger.LedgerApplication;
import cn.incubation.ledger.projector.ProjectionService;
import cn.incubation.ledger.region.RegionCatalog;
import cn.incubation.ledger.shared.CreditCode;
import cn.incubation.ledger.web.LedgerHttp;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static cn.incubation.ledger.web.LedgerHttp.json;

/**
 * The projections' processors on one node and on two, in one run, on the embedded server (H2) that the first node
 * hosts: (1) the live projection's lag while eight HTTP clients send commands as fast as the node takes them, the
 * largest lag seen and the time to catch up once they stop; (2) catching up on {@code bench.events} events (100,000)
 * appended while the projections were paused, on one node, then again from nothing on two nodes that share the
 * segments, with each node's share of the events handled. Run: {@code mvn -B -q -Pbenchmark test-compile exec:exec
 * -Dbench.main=cn.incubation.ledger.bench.ClusterBenchmark} ({@code -Dbench.args="-Dbench.events=50000
 * -Dbench.seconds=30"}).
 */
public final class ClusterBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.events", 100_000);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    private static final List<String> PROJECTION_COLLECTIONS = List.of("projection_state", "projection_journal",
                                                                       "projection_nodes", "dead_letters",
                                                                       "trackingtokens");

    private ClusterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        Path dataDir = Files.createTempDirectory("ledger-bench-cluster");
        int mongo = freePort();
        try (ConfigurableApplicationContext a = node("node-a", "--ledger.data-dir=" + dataDir,
                                                     "--ledger.embedded.port=" + mongo)) {
            ProjectionService projections = a.getBean(ProjectionService.class);
            System.out.printf(Locale.ROOT, "Projection processors on one node and two; embedded MongoDB (H2) in %s; "
                    + "%d cores%n%n", dataDir, Runtime.getRuntime().availableProcessors());
            liveLag(a, projections);

            EventStore eventStore = a.getBean(EventStore.class);
            List<DomainEventMessage<?>> history = new ReadSideBenchmark.Synthetic(a.getBean(RegionCatalog.class),
                                                                                 20251231L).generate(EVENTS);
            projections.pause();
            for (int i = 0; i < history.size(); i += 100) {
                eventStore.publish(history.subList(i, Math.min(history.size(), i + 100)));
            }
            long head = projections.head();
            MongoDatabase database = a.getBean(MongoDatabase.class);

            System.out.println();
            System.out.printf(Locale.ROOT, "Catching up on %,d events (head %,d) from nothing, every projection%n",
                              history.size(), head);
            System.out.println();
            System.out.println("| nodes | seconds | events/s (all projections caught up) | events handled per node |");
            System.out.println("| ---: | ---: | ---: | --- |");
            forget(database);
            long t0 = System.nanoTime();
            projections.resume();
            await(projections);
            double one = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "| 1 | %.1f | %,.0f | node-a %,d |%n", one, head / one,
                              sum(projections.processedHere()));

            projections.pause();
            forget(database);
            try (ConfigurableApplicationContext b = node("node-b", "--spring.data.mongodb.uri=mongodb://localhost:"
                    + mongo + "/ledger")) {
                ProjectionService second = b.getBean(ProjectionService.class);
                second.pause();
                forget(database);
                long t1 = System.nanoTime();
                projections.resume();
                second.resume();
                await(projections);
                double two = (System.nanoTime() - t1) / 1e9;
                System.out.printf(Locale.ROOT, "| 2 | %.1f | %,.0f | node-a %,d, node-b %,d |%n", two, head / two,
                                  sum(projections.processedHere()), sum(second.processedHere()));
                System.out.printf(Locale.ROOT, "%nTwo nodes beside one: %.2f × the rate (both nodes share this "
                        + "machine's cores and the one embedded server)%n", one / two);
                System.out.println("Segments: " + projections.status().stream()
                        .flatMap(s -> s.segments().stream().map(c -> s.name() + "/" + c.segment() + "=" + c.owner()))
                        .toList());
            }
        }
    }

    /** Eight clients send commands for {@code bench.seconds}; the lag is sampled every 100 ms. */
    private static void liveLag(ConfigurableApplicationContext ledger, ProjectionService projections)
            throws Exception {
        LedgerHttp http = new LedgerHttp(((WebServerApplicationContext) ledger).getWebServer().getPort());
        int clients = 8;
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong accepted = new AtomicLong();
        AtomicInteger codes = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            work.add(pool.submit(() -> {
                String carrier = "lag-inc-" + client;
                http.post("/api/incubators", json("{'incubatorId':'" + carrier + "','name':'x','kind':'INCUBATOR',"
                        + "'regionCode':'510107','operator':'y','openedOn':'2016-03-01','floorAreaM2':'1000',"
                        + "'staff':3}"));
                int n = 0;
                while (running.get()) {
                    String tenant = "lag-t-" + client + "-" + n++;
                    String first17 = String.format("91510100MA%07d", 8_000_000 + codes.incrementAndGet());
                    if (http.post("/api/tenants", json("{'tenantId':'" + tenant + "','incubatorId':'" + carrier
                            + "','companyName':'c','creditCode':'" + first17 + CreditCode.checkCharacter(first17)
                            + "','sector':'s','foundedOn':'2018-01-01','admittedOn':'2019-01-01'}")).status() == 201) {
                        accepted.incrementAndGet();
                    }
                    for (int r = 0; r < 4 && running.get(); r++) {
                        if (http.post("/api/tenants/" + tenant + "/headcount", json("{'employees':" + (r + 3)
                                + ",'reportedOn':'" + (2019 + r) + "-12-31'}")).status() == 200) {
                            accepted.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        long maxLag = 0;
        long t0 = System.nanoTime();
        long end = t0 + Duration.ofSeconds(SECONDS).toNanos();
        while (System.nanoTime() < end) {
            maxLag = Math.max(maxLag, lag(projections));
            Thread.sleep(100);
        }
        running.set(false);
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        long atStop = lag(projections);
        long stopped = System.nanoTime();
        await(projections);
        double catchUp = (System.nanoTime() - stopped) / 1e9;
        System.out.println("| live projection under command load | value |");
        System.out.println("| --- | ---: |");
        System.out.printf(Locale.ROOT, "| commands accepted (8 HTTP clients, %.0f s) | %,d (%,.0f/s) |%n", loadSeconds,
                          accepted.get(), accepted.get() / loadSeconds);
        System.out.printf(Locale.ROOT, "| largest lag seen (events, the most behind projection, sampled every 100 ms) "
                + "| %,d |%n", maxLag);
        System.out.printf(Locale.ROOT, "| lag when the load stopped | %,d |%n", atStop);
        System.out.printf(Locale.ROOT, "| time to catch up after the load stopped | %.2f s |%n", catchUp);
    }

    private static long lag(ProjectionService projections) {
        return projections.status().stream().mapToLong(ProjectionService.Status::lag).max().orElse(0);
    }

    private static void await(ProjectionService projections) {
        if (!projections.awaitCaughtUp(Duration.ofMinutes(30))) {
            throw new IllegalStateException("the projections did not catch up");
        }
    }

    /** Drops every projection's collections, journal, tokens and state: the next processors start from nothing. */
    private static void forget(MongoDatabase database) {
        for (String name : database.listCollectionNames().into(new ArrayList<>())) {
            if (name.matches(".*_g\\d+") || PROJECTION_COLLECTIONS.contains(name)) {
                database.getCollection(name).drop();
            }
        }
    }

    private static long sum(Map<String, Long> processed) {
        return processed.values().stream().mapToLong(Long::longValue).sum();
    }

    private static ConfigurableApplicationContext node(String name, String... args) {
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--logging.level.root=WARN",
                                                   "--ledger.node-id=" + name,
                                                   "--ledger.event-store.index-allocation=shared-counter"));
        all.add(LedgerHttp.ADMIN_PASSWORD_ARGUMENT);
        all.addAll(List.of(args));
        return new SpringApplicationBuilder(LedgerApplication.class).run(all.toArray(String[]::new));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
