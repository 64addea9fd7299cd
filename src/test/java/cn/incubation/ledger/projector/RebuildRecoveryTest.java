package cn.incubation.ledger.projector;

import cn.incubation.ledger.LedgerApplication;
import cn.incubation.ledger.shared.CreditCode;
import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.web.LedgerHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A rebuild's first pass keeps no journal: a ledger stopped during it must, on its next start, throw away what the
 * pass had written and run it again, and the rebuilt views must answer as the old ones did.
 */
class RebuildRecoveryTest {

    @TempDir
    Path dataDir;

    ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(LedgerApplication.class)
                .run("--server.port=0", "--ledger.data-dir=" + dataDir, LedgerHttp.ADMIN_PASSWORD_ARGUMENT,
                     "--ledger.projections.rebuild-flush=3",
                     // More than one document kept in memory is written with the next flush, and replaced later.
                     "--ledger.projections.rebuild-keep=1");
    }

    static LedgerHttp http(ConfigurableApplicationContext context) {
        return new LedgerHttp(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Test
    void aFirstPassCutShortStartsAgainOnEmptyCollections() {
        List<String> queries = new ArrayList<>();
        Map<String, JsonNode> before = new LinkedHashMap<>();
        try (ConfigurableApplicationContext ledger = start()) {
            LedgerHttp http = http(ledger);
            ok(http.post("/api/incubators", json("{'incubatorId':'rec-inc','name':'x','kind':'INCUBATOR',"
                    + "'regionCode':'510107','operator':'y','openedOn':'2018-01-01','floorAreaM2':'800','staff':4}")));
            ok(http.post("/api/tenants", admission("rec-t1", code("91510100MA6123456"), "2019-02-01")));
            ok(http.post("/api/tenants", admission("rec-t2", code("91510100MA6123457"), "2019-03-01")));
            ok(http.post("/api/tenants/rec-t1/headcount", json("{'employees':12,'reportedOn':'2019-12-31'}")));
            ok(http.post("/api/tenants/rec-t2/investments", json("{'investmentId':'inv-1','round':'SEED',"
                    + "'investor':'x','amount':'100000','currency':'CNY','receivedOn':'2020-01-01'}")));
            ok(http.post("/api/tenants/rec-t1/graduation", json("{'graduatedOn':'2021-01-01','criterion':'x'}")));
            ProjectionService projections = ledger.getBean(ProjectionService.class);
            assertThat(projections.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            // Answers name their knowledge instant: fix it, so that answers given later compare.
            Instant known = Instant.now();
            queries.addAll(List.of("/api/regions/510107/totals?asOf=2021-12-31&knownAt=" + known,
                                   "/api/tenants/rec-t1?asOf=2021-12-31&knownAt=" + known,
                                   "/api/tenants/rec-t2/investments?knownAt=" + known,
                                   "/api/incubators/rec-inc?asOf=2021-12-31&knownAt=" + known,
                                   "/api/incubators/rec-inc/history?size=50",
                                   "/api/incubators/rec-inc/investments?knownAt=" + known,
                                   "/api/investors/x/investments?knownAt=" + known));
            queries.forEach(q -> before.put(q, http.get(q).json()));

            // What a ledger stopped during the first pass of a rebuild of tenant-state leaves behind: the state
            // says generation 2 is being built, there is no journal for it, and part of it is written.
            MongoDatabase database = ledger.getBean(MongoDatabase.class);
            database.getCollection("projection_state").replaceOne(
                    Filters.eq("_id", "tenant-state"),
                    new Document("_id", "tenant-state").append("active", 1).append("building", 2));
            database.getCollection("tenant_state_g2").insertOne(new Document("_id", "rec-t1").append("half", true));
        }

        try (ConfigurableApplicationContext ledger = start()) {
            LedgerHttp http = http(ledger);
            ProjectionService projections = ledger.getBean(ProjectionService.class);
            assertThat(projections.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            assertThat(projections.status("tenant-state").generation()).isEqualTo(2);
            assertThat(projections.status("tenant-state").replaying()).isFalse();
            Document rebuilt = ledger.getBean(MongoDatabase.class).getCollection("tenant_state_g2")
                                     .find(Filters.eq("_id", "rec-t1")).first();
            assertThat(rebuilt).isNotNull().doesNotContainKey("half");
            queries.forEach(q -> assertThat(http.get(q).json()).as(q).isEqualTo(before.get(q)));

            // And a rebuild of everything, flushing every three events, answers the same again.
            assertThat(http.post("/api/projections/replay", "").status()).isEqualTo(202);
            assertThat(projections.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            assertThat(projections.status("tenant-state").generation()).isEqualTo(3);
            assertThat(projections.status("regional-totals").generation()).isEqualTo(2);
            queries.forEach(q -> assertThat(http.get(q).json()).as(q).isEqualTo(before.get(q)));

            // The rebuilt generation goes on from what the rebuild stored: the tenant it knows changes the totals.
            ok(http.post("/api/tenants/rec-t2/headcount", json("{'employees':7,'reportedOn':'2021-06-30'}")));
            assertThat(projections.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            JsonNode totals = http.get("/api/regions/510107/totals?asOf=2021-12-31").json();
            assertThat(totals.get("jobs").asLong()).isEqualTo(7);
            assertThat(totals.get("tenantsInIncubation").asLong()).isEqualTo(1);
            assertThat(totals.get("companiesIncubated").asLong()).isEqualTo(2);
        }
    }

    @Test
    void aReplayOfAnUnknownProjectionStartsNothing() {
        try (ConfigurableApplicationContext ledger = start()) {
            LedgerHttp http = http(ledger);
            LedgerHttp.Answer unknown = http.post("/api/projections/no-such-view/replay", "");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().get("value").asText()).isEqualTo("no-such-view");
            ProjectionService projections = ledger.getBean(ProjectionService.class);
            assertThatThrownBy(() -> projections.replay(List.of("tenant-state", "no-such-view")))
                    .isInstanceOf(LedgerRejection.class).hasMessageContaining("no-such-view");
            assertThat(projections.status()).noneMatch(ProjectionService.Status::replaying);
            assertThat(projections.status()).allMatch(s -> s.generation() == 1);
        }
    }

    static String admission(String tenantId, String creditCode, String admittedOn) {
        return json("{'tenantId':'" + tenantId + "','incubatorId':'rec-inc','companyName':'成都某某科技有限公司',"
                + "'creditCode':'" + creditCode + "','sector':'人工智能','foundedOn':'2018-05-01','admittedOn':'"
                + admittedOn + "'}");
    }

    static String code(String first17) {
        return first17 + CreditCode.checkCharacter(first17);
    }

    static void ok(LedgerHttp.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isBetween(200, 201);
    }
}
