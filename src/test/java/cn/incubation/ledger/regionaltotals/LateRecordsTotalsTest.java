package cn.incubation.ledger.regionaltotals;

import cn.incubation.ledger.incubator.CarrierKind;
import cn.incubation.ledger.incubator.IncubatorCommands.RegisterIncubator;
import cn.incubation.ledger.shared.CommandMetadata;
import cn.incubation.ledger.shared.CreditCode;
import cn.incubation.ledger.shared.Money;
import cn.incubation.ledger.tenant.Round;
import cn.incubation.ledger.tenant.TenantCommands.AdmitTenant;
import cn.incubation.ledger.tenant.TenantCommands.ReceiveInvestment;
import cn.incubation.ledger.web.LedgerServerTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Totals as known at past instants when facts were recorded months and years after they happened, and out of order:
 * what history loaded from another system looks like (its record times travel as {@code recordedAt}, as the demo's
 * do). Each figure of a grid of business dates and record instants is checked against a reckoning of the facts this
 * test recorded, in every region the district rolls up to. It runs on a ledger of its own, so that no other test's
 * facts share its record months.
 */
@TestPropertySource(properties = "ledger.projections.claim-timeout=10s")
class LateRecordsTotalsTest extends LedgerServerTest {

    /** Jiangyou, Mianyang, Sichuan, and the regions above it. */
    private static final List<String> REGIONS = List.of("510781", "510700", "510000", "chengyu");

    @Autowired
    private CommandGateway commands;

    /** A fact as the reckoning counts it: its business date, when the ledger learned it, and what it adds. */
    private record Fact(LocalDate on, Instant recorded, int carriers, long investments, BigDecimal amount) {
    }

    private final List<Fact> facts = new ArrayList<>();

    @Test
    void pastKnownAtTotalsEqualAReckoningOfTheFactsRecordedByThen() {
        String first = "late-inc-1";
        String second = "late-inc-2";
        String tenant = "late-ten-1";
        register(first, "2019-03-01", "2019-03-05T02:00:00Z");
        send(new AdmitTenant(tenant, first, "江油某某科技有限公司", new CreditCode("91510781MA6200001" + check()),
                             "新材料", LocalDate.of(2018, 5, 1), LocalDate.of(2019, 4, 1)), "2019-04-02T02:00:00Z");
        invest(tenant, "late-a", "1000000", "2019-06-30", "2019-07-03T02:00:00Z");
        invest(tenant, "late-c", "3000000", "2020-05-20", "2020-06-01T02:00:00Z");
        // Learned long after: an opening of 2018 and an investment of 2019, both recorded around the turn of 2021.
        register(second, "2018-01-01", "2020-12-20T02:00:00Z");
        invest(tenant, "late-d", "4000000", "2021-01-10", "2021-01-15T02:00:00Z");
        invest(tenant, "late-b", "2000000", "2019-11-15", "2021-02-10T02:00:00Z");
        awaitProjections();

        List<String> asOfs = List.of("2017-12-31", "2018-06-30", "2019-06-30", "2019-12-31", "2020-12-31",
                                     "2021-12-31");
        List<String> knownAts = List.of("2019-03-31T00:00:00Z", "2019-06-30T00:00:00Z", "2019-12-31T00:00:00Z",
                                        "2020-12-31T00:00:00Z", "2021-01-31T00:00:00Z", "2021-02-09T00:00:00Z",
                                        "2021-03-01T00:00:00Z", Instant.now().toString());
        for (String region : REGIONS) {
            for (String asOf : asOfs) {
                for (String knownAt : knownAts) {
                    JsonNode totals = http.get("/api/regions/" + region + "/totals?asOf=" + asOf + "&knownAt="
                                               + knownAt).json();
                    Fact expected = reckon(LocalDate.parse(asOf), Instant.parse(knownAt));
                    String at = region + " asOf " + asOf + " knownAt " + knownAt;
                    assertThat(totals.get("carriers").get("total").asLong()).as(at).isEqualTo(expected.carriers());
                    assertThat(totals.get("investment").get("count").asLong()).as(at)
                            .isEqualTo(expected.investments());
                    assertThat(totals.get("investment").get("amountCny").decimalValue()).as(at)
                            .isEqualByComparingTo(expected.amount());
                }
            }
        }
        JsonNode series = http.get("/api/regions/510781/series?from=2018-01-01&to=2021-12-31&granularity=YEAR"
                                   + "&knownAt=2021-01-31T00:00:00Z").json();
        List<BigDecimal> flows = new ArrayList<>();
        series.get("periods").forEach(p -> flows.add(p.get("flows").get("investmentAmountCny").decimalValue()));
        assertThat(flows).usingElementComparator(BigDecimal::compareTo)
                         .containsExactly(BigDecimal.ZERO, new BigDecimal("1000000"), new BigDecimal("3000000"),
                                          new BigDecimal("4000000"));
    }

    private Fact reckon(LocalDate asOf, Instant knownAt) {
        int carriers = 0;
        long investments = 0;
        BigDecimal amount = BigDecimal.ZERO;
        for (Fact fact : facts) {
            if (!fact.on().isAfter(asOf) && !fact.recorded().isAfter(knownAt)) {
                carriers += fact.carriers();
                investments += fact.investments();
                amount = amount.add(fact.amount());
            }
        }
        return new Fact(asOf, knownAt, carriers, investments, amount);
    }

    private void register(String id, String openedOn, String recordedAt) {
        send(new RegisterIncubator(id, "江油孵化器", CarrierKind.INCUBATOR, "510781", "江油高新区",
                                   LocalDate.parse(openedOn), new BigDecimal("1000"), 5), recordedAt);
        facts.add(new Fact(LocalDate.parse(openedOn), Instant.parse(recordedAt), 1, 0, BigDecimal.ZERO));
    }

    private void invest(String tenant, String id, String amount, String receivedOn, String recordedAt) {
        send(new ReceiveInvestment(tenant, id, Round.ANGEL, "绵阳天使", new Money(new BigDecimal(amount), "CNY", null),
                                   LocalDate.parse(receivedOn), null), recordedAt);
        facts.add(new Fact(LocalDate.parse(receivedOn), Instant.parse(recordedAt), 0, 1, new BigDecimal(amount)));
    }

    private void send(Object command, String recordedAt) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                                                  .andMetaData(CommandMetadata.of("test", "late-records", null,
                                                                                  recordedAt)));
    }

    private static char check() {
        return CreditCode.checkCharacter("91510781MA6200001");
    }
}
