package cn.incubation.ledger.web;

import cn.incubation.ledger.web.LedgerHttp.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;

import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An idempotency key belongs to the user that sent it and is forgotten after {@code ledger.api.idempotency-ttl}
 * (here one second): two users may use the same key for different requests, and a key reused after its lifetime
 * starts a new request instead of being refused or answered with the old answer.
 */
@TestPropertySource(properties = "ledger.api.idempotency-ttl=1s")
class IdempotencyKeyTest extends LedgerServerTest {

    private static final String PASSWORD = "operator-password-1";

    /** A new operator of the carrier, signed in. */
    private LedgerHttp operator(String incubator) {
        String name = unique("op");
        Answer added = http.post("/api/users", json("{'username':'" + name + "','password':'" + PASSWORD
                + "','role':'OPERATOR','incubators':['" + incubator + "']}"));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return http.as(name, PASSWORD);
    }

    private static Answer headcount(LedgerHttp client, String tenant, int employees, String key) {
        return client.post("/api/tenants/" + tenant + "/headcount",
                           "{\"employees\":" + employees + ",\"reportedOn\":\"2020-01-01\"}", "Idempotency-Key", key);
    }

    @Test
    void twoUsersKeysNeverMeet() {
        String incubator = registerIncubator("510104");
        String tenant = admitTenant(incubator);
        LedgerHttp alice = operator(incubator);
        LedgerHttp bob = operator(incubator);

        Answer first = headcount(alice, tenant, 10, "monthly-report");
        Answer other = headcount(bob, tenant, 20, "monthly-report");
        Answer admins = headcount(http, tenant, 30, "monthly-report");

        assertThat(first.status()).isEqualTo(200);
        assertThat(other.status()).as("another user's key of the same name").isEqualTo(200);
        assertThat(admins.status()).isEqualTo(200);
        assertThat(other.version()).isEqualTo(first.version() + 1);
        assertThat(admins.version()).isEqualTo(other.version() + 1);
        Answer again = headcount(alice, tenant, 10, "monthly-report");
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.version()).isEqualTo(first.version());
        assertProblem(headcount(alice, tenant, 11, "monthly-report"), 409, "Idempotency-Key",
                      "already used with a different request");
    }

    @Test
    void aKeyIsForgottenAfterItsLifetime() {
        String tenant = admitTenant(registerIncubator("510104"));
        Answer first = headcount(http, tenant, 10, "quarterly");
        assertThat(first.status()).isEqualTo(200);
        assertProblem(headcount(http, tenant, 12, "quarterly"), 409, "Idempotency-Key", "different request");

        clock.advance(Duration.ofMillis(1_500));
        Answer later = headcount(http, tenant, 12, "quarterly");
        assertThat(later.status()).as(later.toString()).isEqualTo(200);
        assertThat(later.header("Idempotent-Replayed")).isNull();
        assertThat(later.version()).isEqualTo(first.version() + 1);
        assertThat(headcount(http, tenant, 12, "quarterly").header("Idempotent-Replayed")).isEqualTo("true");
    }
}
