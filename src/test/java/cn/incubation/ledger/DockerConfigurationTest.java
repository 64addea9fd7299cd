package cn.incubation.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What docker/ gives an operator, read as the tools would read it (there is no Docker engine here to run it): the
 * compose file with pinned images, memory limits and the ledger's health check; Prometheus scraping both nodes as the
 * ledger's admin; Grafana provisioned with the dashboard. That the dashboard's series exist is ObservabilityTest's.
 */
class DockerConfigurationTest {

    private static final Path DOCKER = Path.of("docker");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String file) throws IOException {
        return new Yaml().load(Files.readString(DOCKER.resolve(file)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void everyImageIsPinnedAndEveryServiceLimitedAndTheLedgerChecked() throws IOException {
        Map<String, Object> services = map(yaml("compose.yaml").get("services"));
        assertThat(services).containsKeys("mongo1", "mongo2", "mongo3", "ledger-a", "ledger-b", "prometheus", "grafana");
        services.forEach((name, definition) -> {
            Map<String, Object> service = map(definition);
            String image = (String) service.get("image");
            if (service.containsKey("build")) {
                assertThat(image).as(name).isEqualTo("incubation-ledger:local");
            } else {
                assertThat(image).as(name + "'s image names a release").matches("[\\w./-]+:v?\\d+\\.\\d+\\.\\d+");
            }
            if (!"no".equals(service.get("restart"))) {
                assertThat(service).as(name + " has a memory limit").containsKey("mem_limit");
            }
        });
        for (String ledger : List.of("ledger-a", "ledger-b")) {
            List<String> test = (List<String>) map(map(services.get(ledger)).get("healthcheck")).get("test");
            assertThat(String.join(" ", test)).as(ledger).contains("/actuator/health").contains("UP|DEGRADED");
        }
        for (String line : Files.readAllLines(DOCKER.resolve("Dockerfile"))) {
            if (line.startsWith("FROM ")) {
                assertThat(line).as("a pinned base image").matches("FROM [\\w./-]+:\\d+\\.\\d+\\.\\d+[\\w.-]*( AS \\w+)?");
            }
        }
    }

    @Test
    void prometheusScrapesBothNodesAsTheLedgersAdmin() throws IOException {
        Map<String, Object> scrape = map(((List<Object>) yaml("prometheus/prometheus.yml").get("scrape_configs")).get(0));
        assertThat(scrape.get("metrics_path")).isEqualTo("/actuator/prometheus");
        Map<String, Object> auth = map(scrape.get("basic_auth"));
        assertThat(auth.get("username")).isEqualTo("admin");
        Map<String, Object> compose = yaml("compose.yaml");
        assertThat(map(compose.get("secrets"))).containsKey("ledger_admin_password");
        assertThat(auth.get("password_file")).isEqualTo("/run/secrets/ledger_admin_password");
        List<Object> targets = (List<Object>) map(((List<Object>) scrape.get("static_configs")).get(0)).get("targets");
        assertThat(targets).containsExactlyInAnyOrder("ledger-a:8080", "ledger-b:8080");
    }

    @Test
    void grafanaIsProvisionedWithTheDashboardOnThatPrometheus() throws IOException {
        Map<String, Object> source = map(((List<Object>) yaml("grafana/provisioning/datasources/prometheus.yaml")
                .get("datasources")).get(0));
        assertThat(source.get("url")).isEqualTo("http://prometheus:9090");
        Map<String, Object> provider = map(((List<Object>) yaml("grafana/provisioning/dashboards/ledger.yaml")
                .get("providers")).get(0));
        assertThat(map(provider.get("options")).get("path")).isEqualTo("/var/lib/grafana/dashboards");

        JsonNode dashboard = new ObjectMapper().readTree(DOCKER.resolve("grafana/dashboards/ledger.json").toFile());
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(ids.add(panel.get("id").asInt())).as("panel ids are unique").isTrue();
            assertThat(panel.get("datasource").get("uid").asText()).isEqualTo(source.get("uid"));
            assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
            panel.get("targets").forEach(t -> assertThat(t.get("expr").asText()).isNotBlank());
        }
        assertThat(ids).hasSizeGreaterThanOrEqualTo(8);
    }
}
