package cn.incubation.ledger.web;

import cn.incubation.ledger.web.LedgerHttp.Answer;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestPropertySource;

import java.security.Principal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An idempotency key belongs to the client that sent it and is forgotten after {@code ledger.api.idempotency-ttl}
 * (here one second): two clients may use the same key for different requests, and a key reused after its lifetime
 * starts a new request instead of being refused or answered with the old answer.
 */
@Import(IdempotencyKeyTest.TestUsers.class)
@TestPropertySource(properties = "ledger.api.idempotency-ttl=1s")
class IdempotencyKeyTest extends LedgerServerTest {

    /** Until the ledger has users, a test header names the authenticated user, as Spring Security will. */
    @TestConfiguration
    static class TestUsers {
        @Bean
        FilterRegistrationBean<Filter> testPrincipal() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                String user = ((HttpServletRequest) request).getHeader("X-Test-User");
                chain.doFilter(user == null ? request : new HttpServletRequestWrapper((HttpServletRequest) request) {
                    @Override
                    public Principal getUserPrincipal() {
                        return () -> user;
                    }
                }, response);
            });
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }

    private Answer headcount(String tenant, int employees, String key, String user) {
        String body = "{\"employees\":" + employees + ",\"reportedOn\":\"2020-01-01\"}";
        return user == null ? http.post("/api/tenants/" + tenant + "/headcount", body, "Idempotency-Key", key)
                : http.post("/api/tenants/" + tenant + "/headcount", body, "Idempotency-Key", key, "X-Test-User", user);
    }

    @Test
    void twoClientsKeysNeverMeet() {
        String tenant = admitTenant(registerIncubator("510104"));
        Answer alice = headcount(tenant, 10, "monthly-report", "alice");
        Answer bob = headcount(tenant, 20, "monthly-report", "bob");
        Answer anonymous = headcount(tenant, 30, "monthly-report", null);

        assertThat(alice.status()).isEqualTo(200);
        assertThat(bob.status()).as("another client's key of the same name").isEqualTo(200);
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(bob.version()).isEqualTo(alice.version() + 1);
        Answer again = headcount(tenant, 10, "monthly-report", "alice");
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.version()).isEqualTo(alice.version());
        assertProblem(headcount(tenant, 11, "monthly-report", "alice"), 409, "Idempotency-Key",
                      "already used with a different request");
    }

    @Test
    void aKeyIsForgottenAfterItsLifetime() throws InterruptedException {
        String tenant = admitTenant(registerIncubator("510104"));
        Answer first = headcount(tenant, 10, "quarterly", null);
        assertThat(first.status()).isEqualTo(200);
        assertProblem(headcount(tenant, 12, "quarterly", null), 409, "Idempotency-Key", "different request");

        Thread.sleep(1_500);
        Answer later = headcount(tenant, 12, "quarterly", null);
        assertThat(later.status()).as(later.toString()).isEqualTo(200);
        assertThat(later.header("Idempotent-Replayed")).isNull();
        assertThat(later.version()).isEqualTo(first.version() + 1);
        assertThat(headcount(tenant, 12, "quarterly", null).header("Idempotent-Replayed")).isEqualTo("true");
    }
}
