package cn.incubation.ledger.projector;

import cn.incubation.ledger.LedgerApplication;
import cn.incubation.ledger.web.LedgerHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;

import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generation written by an earlier version of a projection's handlers is rebuilt when a node with the new version
 * starts, and answers until the rebuilt one has caught up; generations of the current version are left alone.
 */
class OutdatedGenerationTest {

    @TempDir
    Path dataDir;

    ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(LedgerApplication.class)
                .run("--server.port=0", "--ledger.data-dir=" + dataDir, LedgerHttp.ADMIN_PASSWORD_ARGUMENT);
    }

    static Document stateOf(ConfigurableApplicationContext ledger, String projection) {
        return ledger.getBean(MongoDatabase.class).getCollection("projection_state")
                     .find(Filters.eq("_id", projection)).first();
    }

    @Test
    void aGenerationOfAnEarlierVersionIsRebuiltAtStart() {
        try (ConfigurableApplicationContext ledger = start()) {
            LedgerHttp http = new LedgerHttp(((WebServerApplicationContext) ledger).getWebServer().getPort());
            assertThat(http.post("/api/incubators", json("{'incubatorId':'inc-old','name':'x','kind':'INCUBATOR',"
                    + "'regionCode':'500112','operator':'y','openedOn':'2018-01-01','floorAreaM2':'800','staff':4}"))
                           .status()).isEqualTo(201);
            ProjectionService projections = ledger.getBean(ProjectionService.class);
            assertThat(projections.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            assertThat(stateOf(ledger, "regional-totals").getInteger("activeVersion")).isEqualTo(3);
            // As a store written before regional totals had versions holds it.
            ledger.getBean(MongoDatabase.class).getCollection("projection_state")
                  .updateOne(Filters.eq("_id", "regional-totals"), Updates.unset("activeVersion"));
        }

        try (ConfigurableApplicationContext ledger = start()) {
            ProjectionService projections = ledger.getBean(ProjectionService.class);
            assertThat(projections.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
            Document totals = stateOf(ledger, "regional-totals");
            assertThat(totals.getInteger("active")).as("rebuilt into a new generation").isEqualTo(2);
            assertThat(totals.getInteger("activeVersion")).isEqualTo(3);
            assertThat(stateOf(ledger, "tenant-state").getInteger("active")).as("current: left alone").isEqualTo(1);
            LedgerHttp http = new LedgerHttp(((WebServerApplicationContext) ledger).getWebServer().getPort());
            JsonNode yubei = http.get("/api/regions/500112/totals?asOf=2020-12-31").json();
            assertThat(yubei.get("carriers").get("incubatorsInclMakerSpaces").asLong()).isEqualTo(1);
        }
    }
}
