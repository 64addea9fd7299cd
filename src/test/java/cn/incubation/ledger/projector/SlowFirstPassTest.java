package cn.incubation.ledger.projector;

import cn.incubation.ledger.web.LedgerServerTest;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild whose first pass outlasts several syncs of the projections' state is carried out once: the node running
 * it is not taken for one that fell silent, so no second pass starts beside it. A projection made for the test
 * takes a while over each event and counts, per generation, the events it was handed.
 */
@Import(SlowFirstPassTest.SlowConfiguration.class)
class SlowFirstPassTest extends LedgerServerTest {

    static final Map<String, AtomicInteger> HANDLED = new ConcurrentHashMap<>();

    /** Takes a while over every event, counting them per generation's collection. */
    @ProcessingGroup("slow")
    static final class Slow {
        private final AtomicInteger handled;

        Slow(ProjectionStore store) {
            handled = HANDLED.computeIfAbsent(store.collection("slow").getNamespace().getCollectionName(),
                                              c -> new AtomicInteger());
        }

        @EventHandler
        void on(Object event) throws InterruptedException {
            Thread.sleep(150);
            handled.incrementAndGet();
        }
    }

    @TestConfiguration
    static class SlowConfiguration {
        @Bean
        Projection slow() {
            return Projection.of(Slow.class, Slow::new, "slow");
        }
    }

    @Test
    void aLongFirstPassRunsOnce() {
        String incubator = registerIncubator("510107");
        String tenant = admitTenant(incubator);
        for (int i = 0; i < 10; i++) {
            assertThat(http.post("/api/tenants/" + tenant + "/headcount",
                                 json("{'employees':" + (i + 1) + ",'reportedOn':'2020-12-31'}")).status())
                    .isEqualTo(200);
        }
        assertThat(projections.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
        int live = HANDLED.get("slow_g1").get();
        assertThat(live).isEqualTo(12);

        projections.replay("slow");
        assertThat(projections.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
        assertThat(projections.status("slow").generation()).isEqualTo(2);
        // Every event once: the first pass, and nothing again after it.
        assertThat(HANDLED.get("slow_g2").get()).isEqualTo(live);
    }
}
