package cn.incubation.ledger.regionaltotals;

import cn.incubation.ledger.incubator.IncubatorEvent;
import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.tenant.TenantEvent;
import cn.incubation.ledger.web.LedgerServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * "What changed since": the facts recorded between two instants that changed a region's figures, found through the
 * record months the totals keep, whatever their business dates; the facts of other regions and of other spans left out.
 */
class RecordedFactsTest extends LedgerServerTest {

    /** Chengdu's Longquanyi district; Xuhui (Shanghai) for the region that must not show up. */
    private static final String LONGQUANYI = "510112";
    private static final String XUHUI = "310104";

    @Autowired
    RecordedFacts recordedFacts;

    @Test
    void listsTheRegionsFactsRecordedInTheSpanNewestFirst() {
        String before = registerIncubator(LONGQUANYI);
        awaitProjections();
        Instant since = clock.checkpoint();
        String tenant = admitTenant(before);
        // A second on, so that "newest first" is an order of record times and not only of the events' order.
        clock.advance(Duration.ofSeconds(1));
        String later = registerIncubator(LONGQUANYI);
        String elsewhere = registerIncubator(XUHUI);
        awaitProjections();
        Instant until = clock.checkpoint();

        RecordedFacts.Found district = recordedFacts.between(LONGQUANYI, since, until, RecordedFacts.MAX_FACTS);
        List<RecordedFacts.Fact> mine = district.facts().stream()
                                                .filter(f -> f.incubatorId().equals(before)
                                                             || f.incubatorId().equals(later)).toList();
        assertThat(mine).extracting(RecordedFacts.Fact::incubatorId).containsExactly(later, before);
        assertThat(mine.get(0).event()).isInstanceOf(IncubatorEvent.IncubatorRegistered.class);
        assertThat(mine.get(1).event()).isInstanceOf(TenantEvent.TenantAdmitted.class);
        assertThat(mine.get(1).tenantId()).isEqualTo(tenant);
        assertThat(mine.get(1).actor()).isEqualTo("admin");
        assertThat(mine.get(1).occurredOn()).as("its business date, long before it was recorded")
                                            .hasToString("2019-02-01");
        assertThat(district.facts()).extracting(RecordedFacts.Fact::incubatorId).doesNotContain(elsewhere);
        assertThat(district.complete()).isTrue();

        assertThat(recordedFacts.between("510100", since, until, RecordedFacts.MAX_FACTS).facts())
                .as("the city sums its districts").extracting(RecordedFacts.Fact::incubatorId).contains(later, before);
        assertThat(recordedFacts.between("310000", since, until, RecordedFacts.MAX_FACTS).facts())
                .extracting(RecordedFacts.Fact::incubatorId).contains(elsewhere).doesNotContain(later, before);
        assertThat(recordedFacts.between(LONGQUANYI, until, clock.instant().plusSeconds(1), 10).facts())
                .as("nothing recorded after").extracting(RecordedFacts.Fact::incubatorId)
                .doesNotContain(later, before);
    }

    @Test
    void refusesASpanThatEndsBeforeItStarts() {
        Instant now = clock.instant();
        assertThatThrownBy(() -> recordedFacts.between(LONGQUANYI, now, now.minusSeconds(60), 10))
                .isInstanceOf(LedgerRejection.class).hasMessageContaining("must be before");
    }
}
