package cn.incubation.ledger.security;

import cn.incubation.ledger.web.LedgerHttp;
import cn.incubation.ledger.web.LedgerHttp.Answer;
import cn.incubation.ledger.web.LedgerServerTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

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

    @Test
    void everyOperationDeclaresTheProblemsItCanAnswer() {
        JsonNode api = LedgerHttp.anonymous(port).get("/v3/api-docs").json();
        assertThat(api.at("/components/schemas/Problem/properties").has("rule")).isTrue();
        int operations = 0;
        for (var path : (Iterable<Map.Entry<String, JsonNode>>) api.get("paths")::fields) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (var operation : (Iterable<Map.Entry<String, JsonNode>>) path.getValue()::fields) {
                JsonNode responses = operation.getValue().get("responses");
                String where = operation.getKey() + " " + path.getKey();
                for (String status : new String[] {"400", "401", "403"}) {
                    assertThat(responses.at("/" + status + "/content/application~1problem+json/schema/$ref").asText())
                            .as(where + " " + status).isEqualTo("#/components/schemas/Problem");
                }
                if (path.getKey().contains("{")) {
                    assertThat(responses.has("404")).as(where).isTrue();
                }
                if (operation.getKey().equals("post")) {
                    assertThat(responses.has("409")).as(where).isTrue();
                }
                operations++;
            }
        }
        assertThat(operations).isGreaterThan(30);
    }

    @Test
    void commandsDeclareTheirHeadersRequiredFieldsAndMoneyAsDecimalStrings() {
        JsonNode api = LedgerHttp.anonymous(port).get("/v3/api-docs").json();
        JsonNode receive = api.at("/paths/~1api~1tenants~1{id}~1investments/post");
        assertThat(receive.get("parameters").findValuesAsText("name")).contains("Idempotency-Key", "If-Match");
        assertThat(receive.at("/responses/201/headers").has("Location")).isTrue();
        assertThat(receive.at("/responses/201/headers").has("ETag")).isTrue();
        assertThat(receive.at("/responses/201/headers").has("Idempotent-Replayed")).isTrue();
        assertThat(receive.at("/responses").has("200")).as("a new investment is a 201").isFalse();

        JsonNode investment = api.at("/components/schemas/InvestmentRequest");
        assertThat(textValues(investment.get("required")))
                .containsExactlyInAnyOrder("round", "investor", "amount", "currency", "receivedOn");
        assertThat(investment.at("/properties/amount/type").asText()).isEqualTo("string");
        assertThat(investment.at("/properties/amount/format").asText()).isEqualTo("decimal");

        JsonNode register = api.at("/paths/~1api~1incubators/post");
        assertThat(register.get("parameters").findValuesAsText("name")).contains("Idempotency-Key")
                                                                       .doesNotContain("If-Match");
        JsonNode headcount = api.at("/paths/~1api~1tenants~1{id}~1headcount/post/responses");
        assertThat(headcount.at("/200/headers").has("ETag")).isTrue();
        assertThat(headcount.at("/200/headers").has("Location")).isFalse();
    }

    @Test
    void queryParametersDeclareTheirTypes() {
        JsonNode api = LedgerHttp.anonymous(port).get("/v3/api-docs").json();
        JsonNode warnings = api.at("/paths/~1api~1incubators~1{id}~1warnings/get");
        assertThat(parameter(warnings, "asOf").at("/schema/format").asText()).isEqualTo("date");
        assertThat(parameter(warnings, "page").at("/schema/type").asText()).isEqualTo("integer");
        assertThat(parameter(warnings, "size").at("/schema/type").asText()).isEqualTo("integer");
        JsonNode knownAt = parameter(warnings, "knownAt");
        assertThat(knownAt.at("/schema/format").asText()).isEqualTo("date-time");
        assertThat(knownAt.get("description").asText()).contains("a date meaning the end of that day in China");

        JsonNode series = api.at("/paths/~1api~1regions~1{code}~1series/get");
        assertThat(parameter(series, "from").get("required").asBoolean()).isTrue();
        assertThat(parameter(series, "from").at("/schema/format").asText()).isEqualTo("date");
        assertThat(textValues(parameter(series, "granularity").at("/schema/enum")))
                .containsExactly("YEAR", "QUARTER", "MONTH");
        assertThat(textValues(parameter(api.at("/paths/~1api~1regions/get"), "level").at("/schema/enum")))
                .contains("PROVINCE", "ECONOMIC_REGION");
        JsonNode deadLetters = api.at("/paths/~1api~1projections~1{name}~1dead-letters/get");
        assertThat(parameter(deadLetters, "limit").at("/schema/type").asText()).isEqualTo("integer");
    }

    private static JsonNode parameter(JsonNode operation, String name) {
        for (JsonNode parameter : operation.get("parameters")) {
            if (parameter.get("name").asText().equals(name)) {
                return parameter;
            }
        }
        throw new AssertionError("no parameter " + name + " in " + operation);
    }

    private static java.util.List<String> textValues(JsonNode array) {
        java.util.List<String> values = new java.util.ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
