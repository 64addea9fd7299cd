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
        tenant.contribution = tenant.contribute();

        String stored = json.writeValueAsString(tenant);
        JsonNode contribution = json.readTree(stored).get("contribution");
        assertThat(contribution.get("510107|" + Metrics.TENANTS + "|2019-02-01").asLong()).isEqualTo(1);
        assertThat(contribution.get("510107|" + Metrics.JOBS + "|2019-03-01").asLong()).isEqualTo(12);

        Tenant read = json.readValue(stored, Tenant.class);
        assertThat(read.contribution).isEqualTo(tenant.contribution).hasSize(tenant.contribution.size());
        assertThat(read.contribution).containsKey(new Step("510107", Metrics.IP, LocalDate.of(2020, 5, 6)));
    }

    @Test
    void aStepKeyThatIsNotRegionMetricDateIsRefused() {
        assertThat(Step.valueOf("chengyu|t|2024-01-31")).isEqualTo(new Step("chengyu", "t", LocalDate.of(2024, 1, 31)));
        assertThatThrownBy(() -> Step.valueOf("chengyu-2024-01-31")).isInstanceOf(IllegalArgumentException.class);
    }
}
