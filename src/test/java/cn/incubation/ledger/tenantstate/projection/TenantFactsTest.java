package cn.incubation.ledger.tenantstate.projection;

import cn.incubation.ledger.tenant.IpKind;
import cn.incubation.ledger.tenantstate.TenantState;
import cn.incubation.ledger.tenantstate.TenantStatus;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How a tenant's stored facts add up to its state on a date as known at an instant, without Mongo or Spring. */
class TenantFactsTest {

    static final Instant LEARNED = Instant.parse("2022-01-10T00:00:00Z");
    static final Instant LATE = Instant.parse("2022-03-01T00:00:00Z");
    static final TenantState.Investment NONE = new TenantState.Investment(0, "0.00");

    static Document fact(long sequence, String type, String occurredOn, Instant recordedAt, Object... fields) {
        Document fact = new Document("type", type).append("sequence", sequence).append("occurredOn", occurredOn)
                                                  .append("recordedAt", recordedAt.toString());
        for (int i = 0; i < fields.length; i += 2) {
            fact.append((String) fields[i], fields[i + 1]);
        }
        return fact;
    }

    static final TenantFacts FACTS = TenantFacts.of(new Document("_id", "ten-1").append("facts", new Document()
            .append("v0", fact(0, "TenantAdmitted", "2019-02-01", LEARNED, "incubatorId", "inc-1",
                               "companyName", "成都某某科技有限公司", "creditCode", "91510100MA6123456W", "sector", "AI"))
            .append("v1", fact(1, "IpGranted", "2019-06-01", LEARNED, "kind", "INVENTION_PATENT"))
            .append("v2", fact(2, "HeadcountReported", "2020-12-31", LEARNED, "employees", 18))
            .append("v3", fact(3, "HeadcountReported", "2019-12-31", LEARNED, "employees", 10))
            .append("v4", fact(4, "IpGranted", "2020-02-01", LEARNED, "kind", "SOFTWARE_COPYRIGHT"))
            .append("v5", fact(5, "MilestoneLogged", "2020-11-01", LEARNED, "kind", "AWARD"))
            .append("v6", fact(6, "HeadcountReported", "2020-12-31", LEARNED, "employees", 19))
            // Learned late: a grant that happened in 2020 and the graduation.
            .append("v7", fact(7, "IpGranted", "2020-08-01", LATE, "kind", "INVENTION_PATENT"))
            .append("v8", fact(8, "TenantGraduated", "2021-12-31", LATE))));

    @Test
    void beforeAdmissionTheTenantIsNotYetAdmittedAndHoldsNothing() {
        TenantState state = FACTS.state(LocalDate.parse("2019-01-31"), LATE, NONE).orElseThrow();

        assertThat(state.status()).isEqualTo(TenantStatus.NOT_YET_ADMITTED);
        assertThat(state.companyName()).isEqualTo("成都某某科技有限公司");
        assertThat(state.ipHeld().total()).isZero();
        assertThat(state.headcount()).isNull();
        assertThat(state.milestones()).isZero();
    }

    @Test
    void duringIncubationItCountsWhatHadHappenedByTheDate() {
        TenantState state = FACTS.state(LocalDate.parse("2020-12-31"), LATE, NONE).orElseThrow();

        assertThat(state.status()).isEqualTo(TenantStatus.IN_INCUBATION);
        assertThat(state.ipHeld().total()).isEqualTo(3);
        assertThat(state.ipHeld().byKind()).isEqualTo(Map.of(IpKind.INVENTION_PATENT, 2,
                                                             IpKind.SOFTWARE_COPYRIGHT, 1));
        assertThat(state.headcount().employees()).as("the later of two reports on one day").isEqualTo(19);
        assertThat(state.milestones()).isEqualTo(1);
        assertThat(state.graduatedOn()).isNull();
    }

    @Test
    void factsRecordedAfterKnownAtAreLeftOut() {
        TenantState state = FACTS.state(LocalDate.parse("2022-06-30"), LATE.minusNanos(1), NONE).orElseThrow();

        assertThat(state.status()).isEqualTo(TenantStatus.IN_INCUBATION);
        assertThat(state.ipHeld().total()).isEqualTo(2);
        assertThat(FACTS.state(LocalDate.parse("2022-06-30"), LEARNED.minusMillis(1), NONE)).isEmpty();
    }

    @Test
    void afterGraduationItIsGraduatedWithItsDate() {
        TenantState state = FACTS.state(LocalDate.parse("2021-12-31"), LATE, NONE).orElseThrow();

        assertThat(state.status()).isEqualTo(TenantStatus.GRADUATED);
        assertThat(state.graduatedOn()).hasToString("2021-12-31");
        assertThat(state.withdrawnOn()).isNull();
    }

    /** The same facts as the projection now stores them: the admission a document, every other fact one text. */
    static final TenantFacts AS_TEXT = TenantFacts.of(new Document("_id", "ten-1").append("facts", new Document()
            .append("v0", fact(0, "TenantAdmitted", "2019-02-01", LEARNED, "incubatorId", "inc-1",
                               "companyName", "成都某某科技有限公司", "creditCode", "91510100MA6123456W", "sector", "AI"))
            .append("v1", TenantFacts.text("IpGranted", LocalDate.parse("2019-06-01"), LEARNED.toString(),
                                           "INVENTION_PATENT"))
            .append("v2", TenantFacts.text("HeadcountReported", LocalDate.parse("2020-12-31"), LEARNED.toString(), "18"))
            .append("v3", TenantFacts.text("HeadcountReported", LocalDate.parse("2019-12-31"), LEARNED.toString(), "10"))
            .append("v4", TenantFacts.text("IpGranted", LocalDate.parse("2020-02-01"), LEARNED.toString(),
                                           "SOFTWARE_COPYRIGHT"))
            .append("v5", TenantFacts.text("MilestoneLogged", LocalDate.parse("2020-11-01"), LEARNED.toString(),
                                           "AWARD"))
            .append("v6", TenantFacts.text("HeadcountReported", LocalDate.parse("2020-12-31"), LEARNED.toString(), "19"))
            .append("v7", TenantFacts.text("IpGranted", LocalDate.parse("2020-08-01"), LATE.toString(),
                                           "INVENTION_PATENT"))
            .append("v8", TenantFacts.text("TenantGraduated", LocalDate.parse("2021-12-31"), LATE.toString(), ""))));

    @Test
    void factsStoredAsTextGiveTheSameStatesAsFactsStoredAsDocuments() {
        for (String asOf : List.of("2019-01-31", "2019-06-01", "2019-12-31", "2020-12-31", "2021-12-31", "2023-01-01")) {
            for (Instant knownAt : List.of(LEARNED.minusMillis(1), LEARNED, LATE.minusNanos(1), LATE)) {
                assertThat(AS_TEXT.state(LocalDate.parse(asOf), knownAt, NONE))
                        .as("on %s as known at %s", asOf, knownAt)
                        .isEqualTo(FACTS.state(LocalDate.parse(asOf), knownAt, NONE));
            }
        }
        assertThat(AS_TEXT.state(LocalDate.parse("2020-12-31"), LATE, NONE).orElseThrow().headcount().employees())
                .isEqualTo(19);
    }
}
