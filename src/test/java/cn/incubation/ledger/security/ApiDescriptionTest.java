package cn.incubation.ledger.security;

import cn.incubation.ledger.web.LedgerHttp;
import cn.incubation.ledger.web.LedgerHttp.Answer;
import cn.incubation.ledger.web.LedgerServerTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI description is public and declares the HTTP Basic sign-in that every request of the API needs. */
class ApiDescriptionTest extends LedgerServerTest {

    @Test
    void declaresHttpBasicForTheWholeApi() {
        Answer description = LedgerHttp.anonymous(port).get("/v3/api-docs");

        assertThat(description.status()).isEqualTo(200);
        assertThat(description.json().at("/components/securitySchemes/basicAuth/type").asText()).isEqualTo("http");
        assertThat(description.json().at("/components/securitySchemes/basicAuth/scheme").asText()).isEqualTo("basic");
        assertThat(description.json().at("/security/0/basicAuth").isArray()).isTrue();
        assertThat(description.json().at("/paths").has("/api/users")).isTrue();
        assertThat(description.json().at("/paths").has("/api/users/{name}")).isTrue();
        description.json().at("/paths").fieldNames().forEachRemaining(
                path -> assertThat(path).as("the web pages are not part of the API").startsWith("/api/"));
    }
}
