package cn.incubation.ledger.regionaltotals.projection;

import cn.incubation.ledger.regionaltotals.projection.Contributions.Grant;
import cn.incubation.ledger.regionaltotals.projection.Contributions.Point;
import cn.incubation.ledger.regionaltotals.projection.Contributions.Step;
import cn.incubation.ledger.regionaltotals.projection.Contributions.Tenant;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An entity of the regional totals as stored (JSON, in {@code regional_entities}) and read back when a projection
 * resumes on its generation: its contribution's steps keep their text keys {@code region|metric|date}.
 */
class ContributionsJsonTest {

    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build()
                                                                 .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void aTenantsContributionIsStoredUnderTextKeysAndReadBackEqual() throws Exception {
        Tenant tenant = new Tenant();
        tenant.region = "510107";
        tenant.admittedOn = LocalDate.of(2019, 2, 1);
        tenant.grants.add(new Grant(LocalDate.of(2020, 5, 6), "INVENTION_PATENT", "ZL2020-1"));
        tenant.headcounts.add(new Point(LocalDate.of(2019, 3, 1), 12));
        tenant.contribution = Contributions.Contribution.of(tenant.contribute(), Contributions.Contribution.NONE);

        String stored = json.writeValueAsString(tenant);
        JsonNode contribution = json.readTree(stored).get("contribution");
        assertThat(contribution.get("510107|" + Metrics.TENANTS + "|2019-02-01").asLong()).isEqualTo(1);
        assertThat(contribution.get("510107|" + Metrics.JOBS + "|2019-03-01").asLong()).isEqualTo(12);

        Tenant read = json.readValue(stored, Tenant.class);
        assertThat(read.contribution.asMap()).isEqualTo(tenant.contribute()).hasSize(tenant.contribute().size());
        assertThat(read.contribution.asMap()).containsKey(new Step("510107", Metrics.IP, LocalDate.of(2020, 5, 6)));
    }

    /**
     * A hash map finds its bucket from a hash's low bits: {@link LocalDate#hashCode} keeps the year out of them, which
     * put every step of one day of the year in one bucket.
     */
    @Test
    void stepsOnOneDayOfEachYearFallIntoDifferentBucketsOfASmallHashMap() {
        Set<Integer> buckets = new HashSet<>();
        for (int year = 2000; year < 2016; year++) {
            int hash = new Step("510107", Metrics.JOBS, LocalDate.of(year, 12, 31)).hashCode();
            buckets.add((hash ^ hash >>> 16) & 63);
        }
        assertThat(buckets).hasSizeGreaterThanOrEqualTo(12);
    }

    @Test
    void aStepKeyThatIsNotRegionMetricDateIsRefused() {
        assertThat(Step.valueOf("chengyu|t|2024-01-31")).isEqualTo(new Step("chengyu", "t", LocalDate.of(2024, 1, 31)));
        assertThatThrownBy(() -> Step.valueOf("chengyu-2024-01-31")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNewContributionKeepsThePreviousOnesStepObjectsWhereTheyAreEqual() {
        Tenant tenant = new Tenant();
        tenant.region = "510107";
        tenant.admittedOn = LocalDate.of(2019, 2, 1);
        Contributions.Contribution first = Contributions.Contribution.of(tenant.contribute(),
                                                                         Contributions.Contribution.NONE);
        tenant.headcounts.add(new Point(LocalDate.of(2019, 3, 1), 12));
        Map<Step, Long> next = tenant.contribute();
        Contributions.Contribution second = Contributions.Contribution.of(next, first);

        assertThat(second.asMap()).isEqualTo(next);
        Step admitted = new Step("510107", Metrics.TENANTS, LocalDate.of(2019, 2, 1));
        assertThat(Arrays.stream(second.steps).filter(admitted::equals).findFirst().orElseThrow())
                .isSameAs(Arrays.stream(first.steps).filter(admitted::equals).findFirst().orElseThrow());
        assertThat(difference(first, next))
                .isEqualTo(Map.of(new Step("510107", Metrics.JOBS, LocalDate.of(2019, 3, 1)), 12L));
        assertThat(difference(second, Map.of()))
                .isEqualTo(Map.of(admitted, -1L, new Step("510107", Metrics.JOBS, LocalDate.of(2019, 3, 1)), -12L));
    }

    /** What an entity's totals change by when its contribution goes from {@code previous} to {@code next}. */
    private static Map<Step, Long> difference(Contributions.Contribution previous, Map<Step, Long> next) {
        Map<Step, Long> difference = new HashMap<>();
        previous.followedBy(next, difference);
        return difference;
    }
}
