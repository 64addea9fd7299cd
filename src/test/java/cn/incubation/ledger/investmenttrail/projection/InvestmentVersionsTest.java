package cn.incubation.ledger.investmenttrail.projection;

import cn.incubation.ledger.investmenttrail.InvestmentStatus;
import cn.incubation.ledger.investmenttrail.TrailInvestment;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How stored versions of an investment resolve at an instant, without Mongo or Spring. */
class InvestmentVersionsTest {

    static final Instant T1 = Instant.parse("2020-04-01T02:00:00Z");
    static final Instant T2 = Instant.parse("2020-05-01T02:00:00Z");
    static final Instant T3 = Instant.parse("2020-06-01T02:00:00.000001Z");

    static Document version(long sequence, String kind, Instant recordedAt, String amount, String rate,
                            String receivedOn) {
        Document version = new Document("kind", kind).append("sequence", sequence)
                                                     .append("recordedAt", recordedAt.toString())
                                                     .append("actor", "operator-" + sequence)
                                                     .append("reason", kind.equals("RECEIVED") ? null : "why " + sequence);
        if (amount != null) {
            version.append("round", "ANGEL").append("investor", "甲").append("amount", amount)
                   .append("currency", "USD").append("cnyRate", rate).append("receivedOn", receivedOn);
        }
        return version;
    }

    // Stored in the wrong order on purpose: a document's keys come back in no promised order.
    static final InvestmentVersions STORED = new InvestmentVersions("ten-1", "inc-1", "inv-1", List.of(
            version(9, "RETRACTED", T3, null, null, null),
            version(2, "RECEIVED", T1, "1000000.00", "7.10", "2020-03-15"),
            version(5, "CORRECTED", T2, "1000000.00", "7.0", "2020-03-01")));

    @Test
    void beforeItsReceiptWasRecordedTheInvestmentIsUnknown() {
        assertThat(STORED.knownAt(T1.minusNanos(1))).isEmpty();
    }

    @Test
    void atTheReceiptItIsActiveWithItsFirstValues() {
        TrailInvestment investment = STORED.knownAt(T1).orElseThrow();

        assertThat(investment.status()).isEqualTo(InvestmentStatus.ACTIVE);
        assertThat(investment.amountCny()).isEqualTo("7100000.00");
        assertThat(investment.receivedOn()).hasToString("2020-03-15");
        assertThat(investment.corrections()).isEmpty();
        assertThat(investment.actor()).isEqualTo("operator-2");
    }

    @Test
    void aCorrectionAppliesFromItsRecordTimeAndKeepsTheOriginal() {
        TrailInvestment investment = STORED.knownAt(T3.minusNanos(1)).orElseThrow();

        assertThat(investment.status()).isEqualTo(InvestmentStatus.CORRECTED);
        assertThat(investment.cnyRate()).isEqualTo("7.0");
        assertThat(investment.amountCny()).isEqualTo("7000000.00");
        assertThat(investment.receivedOn()).hasToString("2020-03-01");
        assertThat(investment.original().amountCny()).isEqualTo("7100000.00");
        assertThat(investment.corrections()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(InvestmentStatus.CORRECTED);
            assertThat(c.actor()).isEqualTo("operator-5");
            assertThat(c.reason()).isEqualTo("why 5");
            assertThat(c.recordedAt()).isEqualTo(T2);
        });
    }

    @Test
    void aRetractionRecordedToTheMicrosecondCountsFromThatMicrosecond() {
        TrailInvestment investment = STORED.knownAt(T3).orElseThrow();

        assertThat(investment.status()).isEqualTo(InvestmentStatus.RETRACTED);
        assertThat(investment.amount()).isEqualTo("1000000.00");
        assertThat(investment.corrections()).extracting(c -> c.kind())
                                            .containsExactly(InvestmentStatus.CORRECTED, InvestmentStatus.RETRACTED);
        assertThat(investment.corrections().get(1).values()).isNull();
    }
}
