package cn.incubation.ledger.cluster;

import cn.incubation.ledger.projector.ProjectionService;
import cn.incubation.ledger.region.RegionCatalog;
import cn.incubation.ledger.regionaltotals.RecordedHistory;
import cn.incubation.ledger.web.LedgerHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two ledger nodes on one MongoDB, on the read side: the projections' segments are shared between them through the
 * token store, every figure either node answers equals the model's reckoning of the facts the test sent to both in
 * turn, a rebuild started on one is carried out once and read by both, and when one is killed the other takes over
 * its segments and the figures stay exact.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TwoNodeProjectionsTest {

    static final String SHARED = "ledger.event-store.index-allocation=shared-counter";
    static final String FAST_FAILOVER = "ledger.projections.claim-timeout=2s";

    @TempDir
    Path logs;

    /** The GETs whose answers must be the same on both nodes. */
    static final List<String> VIEWS = List.of("/api/tenants/t-other?asOf=2021-12-31",
                                              "/api/tenants/t-move-2/investments",
                                              "/api/incubators/jinjiang-inc?asOf=2021-12-31",
                                              "/api/incubators/jinjiang-inc/history?size=100",
                                              "/api/incubators/jinjiang-inc/investments",
                                              "/api/investors/i/investments",
                                              "/api/regions/chengyu/series?from=2016-01-01&to=2022-12-31");

    @Test
    void bothNodesShareTheSegmentsAndAnswerWhatTheEventsSay() throws Exception {
        int mongo = LedgerNode.freePort();
        try (LedgerNode a = LedgerNode.hosting("node-a", mongo, SHARED);
             LedgerNode b = LedgerNode.joining("node-b", mongo)) {
            List<LedgerNode> nodes = List.of(a, b);
            AtomicInteger sent = new AtomicInteger();
            RecordedHistory history = new RecordedHistory(() -> nodes.get(sent.getAndIncrement() % 2).http,
                                                          a.bean(RegionCatalog.class), () -> caughtUp(a, b),
                                                          RecordedHistory::wallClockBetween);
            history.record();
            assertThat(sent.get()).isGreaterThan(30);

            history.assertTotalsMatchTheModel(a.http);
            history.assertTotalsMatchTheModel(b.http);
            String known = "knownAt=" + java.time.Instant.now();
            for (String view : VIEWS) {
                String fixed = view + (view.contains("?") ? "&" : "?") + known;
                assertThat(b.http.get(fixed).json()).as(view).isEqualTo(a.http.get(fixed).json());
            }
            awaitOwners(a.http, Set.of("node-a", "node-b"));
            JsonNode statusA = a.http.get("/api/projections").json();
            JsonNode statusB = b.http.get("/api/projections").json();
            assertThat(withoutHead(statusB)).isEqualTo(withoutHead(statusA));

            // A rebuild started on B is carried out once, and both nodes read the new generations once it took over.
            assertThat(b.http.post("/api/projections/replay", "").status()).isEqualTo(202);
            assertThat(a.http.post("/api/projections/regional-totals/replay", "").status()).isEqualTo(409);
            assertThat(caughtUp(a, b)).isTrue();
            for (JsonNode status : a.http.get("/api/projections").json()) {
                assertThat(status.get("generation").asInt()).as(status.toString()).isEqualTo(2);
            }
            history.assertTotalsMatchTheModel(b.http);
            history.assertTotalsMatchTheModel(a.http);
            // The first generation goes once neither node reads it.
            MongoDatabase database = a.bean(MongoDatabase.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (firstGenerationCollections(database) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(firstGenerationCollections(database)).isZero();
        }
    }

    @Test
    void whenANodeIsKilledMidBatchTheOtherTakesOverItsSegmentsAndTheFiguresStayExact() throws Exception {
        int mongo = LedgerNode.freePort();
        try (LedgerNode a = LedgerNode.hosting("node-a", mongo, SHARED, FAST_FAILOVER);
             LedgerProcess b = LedgerProcess.joining("node-b", mongo, logs.resolve("node-b.log"), FAST_FAILOVER)) {
            awaitOwners(a.http, Set.of("node-a", "node-b"));
            AtomicInteger sent = new AtomicInteger();
            ProjectionService projections = a.bean(ProjectionService.class);
            RecordedHistory history = new RecordedHistory(() -> {
                if (sent.incrementAndGet() == 20) {
                    // Commands go to A; B is handling its segments' share of them when it dies.
                    try {
                        b.kill();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return a.http;
            }, a.bean(RegionCatalog.class), () -> projections.awaitCaughtUp(Duration.ofSeconds(30)),
               RecordedHistory::wallClockBetween);
            history.record();
            history.assertTotalsMatchTheModel(a.http);
            awaitOwners(a.http, Set.of("node-a"));
        }
    }

    static boolean caughtUp(LedgerNode a, LedgerNode b) {
        return a.bean(ProjectionService.class).awaitCaughtUp(Duration.ofSeconds(30))
                && b.bean(ProjectionService.class).awaitCaughtUp(Duration.ofSeconds(30));
    }

    /** Waits until exactly these nodes hold the claims of the projections' segments. */
    static void awaitOwners(LedgerHttp http, Set<String> expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Set<String> owners = Set.of();
        while (System.nanoTime() < deadline) {
            owners = owners(http.get("/api/projections").json());
            if (owners.equals(expected)) {
                return;
            }
            Thread.sleep(200);
        }
        assertThat(owners).as("owners of the segments").isEqualTo(expected);
    }

    static Set<String> owners(JsonNode statuses) {
        Set<String> owners = new HashSet<>();
        for (JsonNode status : statuses) {
            for (JsonNode segment : status.get("segments")) {
                JsonNode owner = segment.get("owner");
                owners.add(owner == null || owner.isNull() ? "(unclaimed)" : owner.asText());
            }
        }
        return owners;
    }

    /** The status without what changes from one moment to the next (claim times). */
    static JsonNode withoutHead(JsonNode statuses) {
        JsonNode copy = statuses.deepCopy();
        for (JsonNode status : copy) {
            for (JsonNode segment : status.get("segments")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) segment).remove("claimedAt");
                ((com.fasterxml.jackson.databind.node.ObjectNode) segment).remove("owner");
            }
        }
        return copy;
    }

    static long firstGenerationCollections(MongoDatabase database) {
        return database.listCollectionNames().into(new java.util.ArrayList<>()).stream()
                       .filter(name -> name.endsWith("_g1")).count();
    }
}
