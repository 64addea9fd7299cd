package cn.incubation.ledger.projector;

import cn.incubation.ledger.LedgerApplication;
import cn.incubation.ledger.web.LedgerHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch takes effect exactly once whatever fails when: a batch whose journal entry (the commit point) was written
 * but whose writes were not applied is applied at the next claim of its segment, once however often the segment is
 * claimed again; and a token store that lags the journal (a crash between the two writes) delivers nothing twice,
 * since the processor resumes after the journal's token.
 */
class ExactlyOnceTest {

    @TempDir
    Path dataDir;

    @Test
    void aJournaledBatchIsAppliedOnceAndALaggingTokenRedeliversNothing() throws Exception {
        try (ConfigurableApplicationContext ledger = new SpringApplicationBuilder(LedgerApplication.class)
                .run("--server.port=0", "--ledger.data-dir=" + dataDir, LedgerHttp.ADMIN_PASSWORD_ARGUMENT)) {
            LedgerHttp http = new LedgerHttp(((WebServerApplicationContext) ledger).getWebServer().getPort());
            ProjectionService projections = ledger.getBean(ProjectionService.class);
            MongoDatabase database = ledger.getBean(MongoDatabase.class);
            RebuildRecoveryTest.ok(http.post("/api/incubators", json("{'incubatorId':'once-inc','name':'x',"
                    + "'kind':'INCUBATOR','regionCode':'510107','operator':'y','openedOn':'2018-01-01',"
                    + "'floorAreaM2':'800','staff':4}")));
            RebuildRecoveryTest.ok(http.post("/api/tenants", RebuildRecoveryTest.admission(
                    "once-t1", RebuildRecoveryTest.code("91510100MA6123458"), "2019-02-01").replace("rec-inc",
                                                                                                       "once-inc")));
            RebuildRecoveryTest.ok(http.post("/api/tenants/once-t1/headcount",
                                             json("{'employees':12,'reportedOn':'2019-12-31'}")));
            RebuildRecoveryTest.ok(http.post("/api/tenants/once-t1/investments", json("{'investmentId':'inv-1',"
                    + "'round':'SEED','investor':'x','amount':'100000','currency':'CNY','receivedOn':'2020-01-01'}")));
            assertThat(projections.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            // A crash after the commit point of a batch of tenant-state, before its writes were applied: the journal
            // holds the batch, the documents do not.
            projections.pause();
            MongoCollection<Document> journal = database.getCollection("projection_journal");
            TokenStore tokens = ledger.getBean(TokenStore.class);
            String segment = "tenant-state@g1|" + segmentOf(tokens, "tenant-state@g1", "once-t1");
            Document entry = journal.find(Filters.eq("_id", segment)).first();
            long batch = entry.get("batch", Number.class).longValue();
            Document probe = new Document("c", "tenant_state").append("id", "once-t1")
                                                               .append("set", List.of())
                                                               .append("inc", List.of(new Document("f", "probe")
                                                                                              .append("v", 5L)))
                                                               .append("push", List.of());
            journal.replaceOne(Filters.eq("_id", segment), entry.append("batch", batch + 1)
                                                                 .append("updates", List.of(probe)));
            projections.resume();
            MongoCollection<Document> tenants = projections.collection("tenant-state", "tenant_state");
            // Claimed again and again: applied no more. A fact of the tenant, projected, shows that its segment was
            // claimed (and its journal applied) since.
            for (int i = 0; i < 3; i++) {
                if (i > 0) {
                    projections.pause();
                    projections.resume();
                }
                RebuildRecoveryTest.ok(http.post("/api/tenants/once-t1/headcount",
                                                 json("{'employees':" + (12 + i) + ",'reportedOn':'2019-12-31'}")));
                assertThat(projections.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
                assertProbe(tenants);
            }

            // Answers name their knowledge instant: fix it, so that answers given later compare.
            String known = "&knownAt=" + java.time.Instant.now();
            List<String> views = List.of("/api/regions/510107/totals?asOf=2021-12-31" + known,
                                         "/api/tenants/once-t1?asOf=2021-12-31" + known,
                                         "/api/tenants/once-t1/investments?page=0" + known,
                                         "/api/incubators/once-inc?asOf=2021-12-31" + known,
                                         "/api/incubators/once-inc/history?page=0");
            List<JsonNode> before = views.stream().map(v -> http.get(v).json()).toList();

            // A crash after the journal was written and before the token store was: the token store says the
            // processors are at the start. Nothing may be handled twice.
            projections.pause();
            TrackingToken tail = ledger.getBean(EventStore.class).createTailToken();
            for (ProjectionService.Status status : projections.status()) {
                String processor = status.name() + "@g1";
                for (int s : tokens.fetchSegments(processor)) {
                    tokens.fetchToken(processor, s);
                    tokens.storeToken(tail, processor, s);
                    tokens.releaseClaim(processor, s);
                }
            }
            projections.resume();
            assertThat(projections.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            for (int i = 0; i < views.size(); i++) {
                assertThat(http.get(views.get(i)).json()).as(views.get(i)).isEqualTo(before.get(i));
            }
            // The facts after it are applied once, as always.
            RebuildRecoveryTest.ok(http.post("/api/tenants/once-t1/headcount",
                                             json("{'employees':20,'reportedOn':'2021-06-30'}")));
            assertThat(projections.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            JsonNode totals = http.get("/api/regions/510107/totals?asOf=2021-12-31").json();
            assertThat(totals.get("jobs").asLong()).isEqualTo(20);
            assertProbe(tenants);
            assertThat(totals.get("tenantsInIncubation").asLong()).isEqualTo(1);
            assertThat(totals.get("investment").get("count").asLong()).isEqualTo(1);
        }
    }

    /** The segment of a processor that handles an aggregate's events, as Axon splits them. */
    static int segmentOf(TokenStore tokens, String processor, String aggregate) {
        int segments = tokens.fetchSegments(processor).length;
        return Segment.splitBalanced(Segment.ROOT_SEGMENT, segments - 1).stream().filter(s -> s.matches(aggregate))
                      .findFirst().orElseThrow().getSegmentId();
    }

    static void assertProbe(MongoCollection<Document> tenants) {
        Document tenant = tenants.find(Filters.eq("_id", "once-t1")).first();
        assertThat(tenant).isNotNull();
        assertThat(tenant.get("probe", Number.class)).as("the journaled increment, applied once").isNotNull();
        assertThat(tenant.get("probe", Number.class).longValue()).isEqualTo(5);
    }
}
