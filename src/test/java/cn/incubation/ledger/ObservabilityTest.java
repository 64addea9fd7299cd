package cn.incubation.ledger;

import cn.incubation.ledger.web.LedgerHttp;
import cn.incubation.ledger.web.LedgerServerTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator reads off a running ledger: each command's count, failures and latency buckets by type, each
 * append's latency, the projections' lag and rebuilds (Prometheus); the event store and projections in the health
 * check, for administrators only; the version and commit in {@code /actuator/info}.
 */
@AutoConfigureMetrics
class ObservabilityTest extends LedgerServerTest {

    private static Optional<Double> find(String exposition, String line) {
        return Arrays.stream(exposition.split("\n")).filter(l -> l.startsWith(line + " ")).findFirst()
                     .map(l -> Double.parseDouble(l.substring(line.length() + 1)));
    }

    private static double metric(String exposition, String line) {
        Optional<Double> found = find(exposition, line);
        assertThat(found).as(line).isPresent();
        return found.get();
    }

    private String prometheus() {
        LedgerHttp.Answer answer = http.get("/actuator/prometheus");
        assertThat(answer.status()).isEqualTo(200);
        return answer.response().body();
    }

    @Test
    void commandsAreCountedTimedAndTheirFailuresCountedByType() {
        String incubator = registerIncubator("510107");
        // Axon registers a command type's meters at its first command.
        double before = find(prometheus(), "commandBus_failureCounter_total{payloadType=\"ReportStaff\"}").orElse(0.0);
        String dated = "{\"staff\":3,\"reportedOn\":\"2010-01-01\"}";
        assertThat(http.post("/api/incubators/" + incubator + "/staff", dated).status()).isEqualTo(409);
        assertThat(http.post("/api/incubators/" + incubator + "/staff", "{\"staff\":3,\"reportedOn\":\"2020-01-01\"}")
                       .status()).isEqualTo(200);

        String after = prometheus();
        assertThat(metric(after, "commandBus_failureCounter_total{payloadType=\"ReportStaff\"}")).isEqualTo(before + 1);
        assertThat(metric(after, "commandBus_allTimer_seconds_count{payloadType=\"RegisterIncubator\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(after).contains("commandBus_allTimer_seconds_bucket{payloadType=\"ReportStaff\",le=");
        assertThat(metric(after, "ledger_eventstore_append_seconds_count")).isGreaterThanOrEqualTo(2);
        assertThat(after).contains("ledger_eventstore_append_seconds_bucket{le=");
        assertThat(metric(after, "ledger_projection_rebuild_position{projection=\"regional-totals\"}")).isEqualTo(-1);
        assertThat(after).contains("ledger_projection_lag{projection=\"regional-totals\"}");
    }

    /** Every series the Grafana dashboard in docker/ draws is one the ledger serves. */
    @Test
    void theDashboardDrawsOnlySeriesTheLedgerServes() throws Exception {
        registerIncubator("510107");
        String exposition = prometheus();
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("docker/grafana/dashboards/ledger.json").toFile());
        Pattern ours = Pattern.compile("\\b((?:commandBus|ledger|http_server|jvm)_[A-Za-z0-9_]+)");
        int names = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher name = ours.matcher(target.get("expr").asText());
                while (name.find()) {
                    assertThat(exposition).as(panel.get("title").asText())
                                          .containsPattern("(?m)^" + Pattern.quote(name.group(1)) + "[{ ]");
                    names++;
                }
            }
        }
        assertThat(names).isGreaterThan(8);
    }

    @Test
    void theHealthCheckNamesTheEventStoreAndTheProjectionsToAdministratorsOnly() {
        awaitProjections();
        JsonNode health = http.get("/actuator/health").json();
        assertThat(health.get("status").asText()).isIn("UP", "DEGRADED");
        assertThat(health.get("components").get("eventStore").get("status").asText()).isEqualTo("UP");
        assertThat(health.get("components").get("eventStore").get("details").get("head").asLong()).isGreaterThan(-2);
        JsonNode projections = health.get("components").get("projections");
        assertThat(projections.get("details").get("regional-totals").get("lag").asLong()).isZero();

        JsonNode anonymous = LedgerHttp.anonymous(port).get("/actuator/health").json();
        assertThat(anonymous.has("components")).as("details are for administrators").isFalse();
        assertThat(anonymous.get("status").asText()).isIn("UP", "DEGRADED");
    }

    @Test
    void infoGivesTheVersionAndTheCommit() {
        JsonNode info = http.get("/actuator/info").json();
        assertThat(info.get("build").get("version").asText()).isNotBlank();
        assertThat(info.get("build").get("artifact").asText()).isEqualTo("incubation-ledger");
        assertThat(info.has("git")).as("built in a git checkout").isTrue();
        assertThat(info.get("git").get("commit").get("id").asText()).isNotBlank();
    }
}
