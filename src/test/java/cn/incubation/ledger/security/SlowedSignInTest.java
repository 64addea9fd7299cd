package cn.incubation.ledger.security;

import cn.incubation.ledger.web.LedgerHttp;
import cn.incubation.ledger.web.LedgerHttp.Answer;
import cn.incubation.ledger.web.LedgerServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Repeated failed sign-ins through the real server: past the free failures, the user's next attempt is a 429 with
 * {@code Retry-After} even with the right password, and nothing is checked or stored; other users go on. The lock
 * here lasts an hour, so that no timing decides what the test sees.
 */
@TestPropertySource(properties = {"ledger.security.login.user-failures=3", "ledger.security.login.first-lock=1h"})
class SlowedSignInTest extends LedgerServerTest {

    @Test
    void aUserIsRefusedUncheckedAfterRepeatedFailures() {
        String name = unique("guessed");
        assertThat(http.post("/api/users", json("{'username':'" + name + "','password':'the-right-password',"
                + "'role':'ADMIN'}")).status()).isEqualTo(201);
        LedgerHttp guesser = http.as(name, "a-wrong-password");
        for (int i = 0; i < 3; i++) {
            assertThat(guesser.get("/api/regions").status()).isEqualTo(401);
        }
        long events = storedEvents();

        Answer locked = http.as(name, "the-right-password").post("/api/incubators", json("{'incubatorId':'"
                + unique("inc") + "','name':'x','kind':'INCUBATOR','regionCode':'510107','operator':'x',"
                + "'openedOn':'2016-03-01','floorAreaM2':'100','staff':1}"));

        assertThat(locked.status()).as(locked.toString()).isEqualTo(429);
        assertThat(locked.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(locked.header("Retry-After"))).isPositive();
        assertThat(locked.json().get("detail").asText()).contains("Too many failed sign-ins");
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(http.get("/api/regions").status()).as("another user").isEqualTo(200);
    }
}
