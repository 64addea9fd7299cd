package cn.incubation.ledger.regionaltotals.projection;

import cn.incubation.ledger.web.LedgerHttp.Answer;
import cn.incubation.ledger.web.LedgerServerTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Totals that cannot overflow. Many investments of the largest amount one investment may be add up exactly in every
 * view; and regional sums past the range of a 64-bit count of fen (9.2 × 10^16 yuan), where the totals used to wrap
 * to negative amounts, are still read exactly, since the totals store money and areas as decimals.
 */
class ExactTotalsTest extends LedgerServerTest {

    /** Guanghan, Deyang, Sichuan: a division no other test of the shared ledger records anything in. */
    private static final String DISTRICT = "510681";

    @Test
    void fourteenHundredInvestmentsOfTheLargestAmountAddUpExactlyEverywhere() {
        String incubator = registerIncubator(DISTRICT);
        String tenant = admitTenant(incubator);
        int investments = 1_400;
        for (int i = 0; i < investments; i++) {
            Answer answer = http.post("/api/tenants/" + tenant + "/investments", "{\"round\":\"B\",\"investor\":"
                    + "\"国家级母基金\",\"amount\":\"100000000000\",\"currency\":\"CNY\",\"receivedOn\":\"2021-06-30\"}");
            assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        }
        awaitProjections();

        BigDecimal expected = new BigDecimal("140000000000000.00");
        for (String region : new String[] {DISTRICT, "510600", "510000", "chengyu"}) {
            JsonNode totals = http.get("/api/regions/" + region + "/totals?asOf=2021-12-31").json();
            assertThat(totals.get("investment").get("amountCny").decimalValue()).as(region)
                    .isGreaterThanOrEqualTo(expected);
        }
        JsonNode district = http.get("/api/regions/" + DISTRICT + "/totals?asOf=2021-12-31").json();
        assertThat(district.get("investment").get("amountCny").decimalValue()).isEqualByComparingTo(expected);
        assertThat(district.get("investment").get("count").asLong()).isEqualTo(investments);
        assertThat(new BigDecimal(http.get("/api/tenants/" + tenant + "/investments?size=1").json().get("totalCny")
                                      .asText())).isEqualByComparingTo(expected);
        assertThat(http.get("/api/incubators/" + incubator + "?asOf=2021-12-31").json().get("investment")
                       .get("amountCny").decimalValue()).isEqualByComparingTo(expected);
        JsonNode series = http.get("/api/regions/" + DISTRICT + "/series?from=2021-01-01&to=2021-12-31"
                                   + "&granularity=QUARTER").json();
        assertThat(series.get("periods").get(1).get("flows").get("investmentAmountCny").decimalValue())
                .isEqualByComparingTo(expected);
    }

    /**
     * Past 2^63 fen: the totals documents as a ledger of a million such investments in one district would hold them
     * (the projection's decimal sums are tested at that size in {@code ProjectionBatchTest}), read through the query.
     */
    @Test
    void sumsPastTheRangeOfALongAreReadExactly() {
        registerIncubator("510682");
        awaitProjections();
        MongoCollection<Document> totals = projections.collection(RegionalTotalsProjection.NAME,
                                                                  RegionalTotalsProjection.TOTALS);
        BigInteger fen = BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.valueOf(3));
        totals.replaceOne(new Document("_id", "510682|y|2018"),
                          new Document("_id", "510682|y|2018")
                                  .append("t:" + Metrics.INVESTMENT_FEN, new Decimal128(new BigDecimal(fen)))
                                  .append("t:" + Metrics.INVESTMENT_COUNT, 2_766_000L),
                          new ReplaceOptions().upsert(true));
        totals.replaceOne(new Document("_id", "510682|m|2020-03"),
                          new Document("_id", "510682|m|2020-03")
                                  .append("t:" + Metrics.INVESTMENT_FEN, new Decimal128(new BigDecimal(fen)))
                                  .append("d:15:" + Metrics.INVESTMENT_FEN, new Decimal128(new BigDecimal(fen))),
                          new ReplaceOptions().upsert(true));

        JsonNode at2019 = http.get("/api/regions/510682/totals?asOf=2019-12-31").json();
        assertThat(at2019.get("investment").get("amountCny").decimalValue())
                .isEqualByComparingTo(new BigDecimal(fen, 2));
        JsonNode at2020 = http.get("/api/regions/510682/totals?asOf=2020-12-31").json();
        assertThat(at2020.get("investment").get("amountCny").decimalValue())
                .isEqualByComparingTo(new BigDecimal(fen.shiftLeft(1), 2));
        JsonNode comparison = http.get("/api/regions/510682/comparison?from=2019-12-31&to=2020-12-31").json();
        JsonNode investment = comparison.get("indicators").get(13);
        assertThat(investment.get("indicator").asText()).isEqualTo("investmentAmountCny");
        assertThat(investment.get("increase").decimalValue()).isEqualByComparingTo(new BigDecimal(fen, 2));
        assertThat(investment.get("growthPercent").decimalValue()).isEqualByComparingTo("100.0");
    }
}
