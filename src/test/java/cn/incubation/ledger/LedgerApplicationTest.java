package cn.incubation.ledger;

import cn.incubation.ledger.eventstore.MongoEventStorageEngine;
import cn.incubation.ledger.web.LedgerHttp;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static cn.incubation.ledger.web.LedgerHttp.ADMIN_PASSWORD_PROPERTY;
import static org.assertj.core.api.Assertions.assertThat;

/** The application starts on the embedded MongoDB (H2 files in the data directory) and reports itself healthy. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = ADMIN_PASSWORD_PROPERTY)
@AutoConfigureMetrics
class LedgerApplicationTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", dataDir::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStorageEngine storageEngine;

    @Autowired
    EventStore eventStore;

    @Autowired
    MongoDatabase database;

    @Test
    void healthEndpointReportsUpWithMongo() throws Exception {
        HttpResponse<String> response = get("/actuator/health", LedgerHttp.basic(LedgerHttp.ADMIN,
                                                                                 LedgerHttp.ADMIN_PASSWORD));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"").contains("\"database\":\"ledger\"");
    }

    @Test
    void healthIsPublicWithoutItsDetails() throws Exception {
        HttpResponse<String> response = get("/actuator/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"").doesNotContain("ledger").doesNotContain("mongo");
    }

    @Test
    void eventsPublishedThroughAxonLandInTheMongoEventsCollection() {
        assertThat(storageEngine).isInstanceOf(MongoEventStorageEngine.class);
        long before = database.getCollection("events").countDocuments();

        eventStore.publish(GenericEventMessage.asEventMessage("hello ledger"));

        assertThat(database.getCollection("events").countDocuments()).isEqualTo(before + 1);
        assertThat(storageEngine.readEvents(null, false).map(m -> (Object) m.getPayload()).toList())
                .contains("hello ledger");
    }

    @Test
    void embeddedServerKeepsItsFileInTheDataDirectory() {
        assertThat(Files.exists(dataDir.resolve("ledger.mv"))).isTrue();
    }

    @Test
    void prometheusMetricsAreServedToAdministratorsOnly() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus", LedgerHttp.basic(LedgerHttp.ADMIN,
                                                                                     LedgerHttp.ADMIN_PASSWORD));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes");
        HttpResponse<String> anonymous = get("/actuator/prometheus", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> v.startsWith("Basic"));
        assertThat(get("/actuator/metrics", null).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
