package cn.incubation.ledger.web;

import cn.incubation.ledger.web.LedgerHttp.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/ledger}: verification, checkpoints, and a payload edited with the plain driver named over HTTP. A ledger
 * of its own (it signs checkpoints), so that its edits reach no other test.
 */
@TestPropertySource(properties = "ledger.verification.checkpoint-key=kept-outside-the-store")
class LedgerVerificationApiTest extends LedgerServerTest {

    @Test
    void untamperedLedgerVerifiesWithTheDigestOfItsSignedCheckpoint() {
        admitTenant(registerIncubator("510107"));

        JsonNode verified = ok(http.get("/api/ledger/verification"));
        assertThat(verified.get("ok").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("problems")).isEmpty();
        assertThat(verified.get("checked").asLong()).isGreaterThanOrEqualTo(2);

        Answer made = http.post("/api/ledger/checkpoints", "");
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        JsonNode checkpoint = made.json();
        assertThat(checkpoint.get("signature").asText()).hasSize(64);
        assertThat(checkpoint.get("createdBy").asText()).isEqualTo("admin");
        String digest = checkpoint.get("digest").asText();
        long position = checkpoint.get("position").asLong();

        JsonNode again = ok(http.get("/api/ledger/verification"));
        assertThat(again.get("ok").asBoolean()).as(again.toString()).isTrue();
        assertThat(again.get("digest").asText()).isEqualTo(digest);
        assertThat(again.get("head").asLong()).isEqualTo(position);
        assertThat(again.get("checkpoints").asInt()).isGreaterThanOrEqualTo(1);
        // A repeat in the same instant of the clock: the store, not a comparison of the fields, says it was kept before.
        Answer repeated = http.post("/api/ledger/checkpoints", "");
        assertThat(repeated.status()).as(repeated.toString()).isEqualTo(200);
        assertThat(repeated.json().get("digest").asText()).isEqualTo(digest);
        assertThat(ok(http.get("/api/ledger/checkpoints")).findValuesAsText("digest")).contains(digest);
        for (String named : new String[] {digest, Long.toString(position), position + ":" + digest}) {
            JsonNode against = ok(http.get("/api/ledger/verification?checkpoint=" + named));
            assertThat(against.get("ok").asBoolean()).as(named + " " + against).isTrue();
        }
        JsonNode unknown = ok(http.get("/api/ledger/verification?checkpoint=" + "0".repeat(64)));
        assertThat(unknown.get("ok").asBoolean()).isFalse();
        assertThat(unknown.get("problems").get(0).get("problem").asText()).isEqualTo("checkpoint-missing");
    }

    @Test
    void editedPayloadIsNamedByItsPlaceAndBlocksCheckpoints() {
        String tenant = admitTenant(registerIncubator("510107"));
        MongoCollection<Document> events = database.getCollection("events");
        Document original = events.find(Filters.eq("key", tenant + "#0")).first();
        long index = original.getLong("_id");
        byte[] payload = original.get("p", Binary.class).getData().clone();
        // The admission date, one day later: still a valid event, just not the one recorded.
        int at = indexOf(payload, "2019-02-01".getBytes(StandardCharsets.US_ASCII));
        assertThat(at).isPositive();
        payload[at + 9] = '2';
        events.updateOne(Filters.eq("_id", index), Updates.set("p", new Binary(payload)));
        try {
            JsonNode verified = ok(http.get("/api/ledger/verification"));

            assertThat(verified.get("ok").asBoolean()).isFalse();
            JsonNode problem = verified.get("problems").get(0);
            assertThat(problem.get("globalIndex").asLong()).as(verified.toString()).isEqualTo(index);
            assertThat(problem.get("aggregate").asText()).isEqualTo(tenant);
            assertThat(problem.get("sequence").asLong()).isZero();
            assertThat(problem.get("problem").asText()).isEqualTo("payload-edited");
            assertThat(verified.get("problemCount").asLong()).isEqualTo(1);
            assertProblem(http.post("/api/ledger/checkpoints", ""), 409, "ledger", "does not verify");
        } finally {
            events.replaceOne(Filters.eq("_id", index), original);
        }
        assertThat(ok(http.get("/api/ledger/verification")).get("ok").asBoolean()).isTrue();
    }

    @Test
    void badCheckpointParameterIsAProblemDetail() {
        for (String bad : new String[] {"xyz", "0", "-5", "12:abc", "1".repeat(40), "a".repeat(63),
                                        "9".repeat(19) + ":" + "a".repeat(64), "1 2", "%00"}) {
            String query = bad.startsWith("%") ? bad : URLEncoder.encode(bad, StandardCharsets.UTF_8);
            assertProblem(http.get("/api/ledger/verification?checkpoint=" + query), 400, "checkpoint",
                          "must be a checkpoint's digest");
        }
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static JsonNode ok(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }
}
