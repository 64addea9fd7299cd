package cn.incubation.ledger.tenant.command;

import cn.incubation.ledger.shared.Accepted;
import cn.incubation.ledger.shared.CreditCode;
import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.shared.Money;
import cn.incubation.ledger.tenant.IpKind;
import cn.incubation.ledger.tenant.MilestoneKind;
import cn.incubation.ledger.tenant.Round;
import cn.incubation.ledger.tenant.TenantCommands.AdmitTenant;
import cn.incubation.ledger.tenant.TenantCommands.CorrectInvestment;
import cn.incubation.ledger.tenant.TenantCommands.GrantIp;
import cn.incubation.ledger.tenant.TenantCommands.GraduateTenant;
import cn.incubation.ledger.tenant.TenantCommands.LogMilestone;
import cn.incubation.ledger.tenant.TenantCommands.ReceiveInvestment;
import cn.incubation.ledger.tenant.TenantCommands.ReportHeadcount;
import cn.incubation.ledger.tenant.TenantCommands.RetractInvestment;
import cn.incubation.ledger.tenant.TenantCommands.WithdrawTenant;
import cn.incubation.ledger.tenant.TenantEvent.HeadcountReported;
import cn.incubation.ledger.tenant.TenantEvent.InvestmentCorrected;
import cn.incubation.ledger.tenant.TenantEvent.InvestmentReceived;
import cn.incubation.ledger.tenant.TenantEvent.InvestmentRetracted;
import cn.incubation.ledger.tenant.TenantEvent.IpGranted;
import cn.incubation.ledger.tenant.TenantEvent.MilestoneLogged;
import cn.incubation.ledger.tenant.TenantEvent.TenantAdmitted;
import cn.incubation.ledger.tenant.TenantEvent.TenantGraduated;
import cn.incubation.ledger.tenant.TenantEvent.TenantWithdrawn;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Clock TODAY = Clock.fixed(LocalDate.of(2025, 6, 30).atStartOfDay(SHANGHAI).toInstant(), SHANGHAI);
    static final String CODE = "91510100MA6123456W";
    static final LocalDate ADMITTED = LocalDate.of(2019, 2, 1);
    static final TenantAdmitted ADMISSION = new TenantAdmitted("ten-1", "inc-1", "成都某某科技有限公司", CODE, "AI",
                                                               LocalDate.of(2019, 1, 1), ADMITTED);
    static final InvestmentReceived ANGEL = new InvestmentReceived(
            "ten-1", "inc-1", "inv-1", Round.ANGEL, "蓉创天使", new BigDecimal("1000000"), "USD", new BigDecimal("7.1"),
            LocalDate.of(2020, 1, 15));

    AggregateTestFixture<Tenant> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tenant.class);
        fixture.registerInjectableResource(TODAY);
    }

    static AdmitTenant admit(String tenantId, String incubatorId, LocalDate admittedOn) {
        return new AdmitTenant(tenantId, incubatorId, "成都某某科技有限公司", new CreditCode(CODE), "AI",
                               LocalDate.of(2019, 1, 1), admittedOn);
    }

    @Test
    void recordsFactsWithinTheIncubation() {
        fixture.given(ADMISSION)
               .when(new GrantIp("ten-1", IpKind.INVENTION_PATENT, "ZL202010000001.X", "一种方法",
                                 LocalDate.of(2020, 5, 1), null))
               .expectEvents(new IpGranted("ten-1", "inc-1", IpKind.INVENTION_PATENT, "ZL202010000001.X", "一种方法",
                                           LocalDate.of(2020, 5, 1)))
               .expectResultMessagePayload(new Accepted("ten-1", 1, null));
        fixture.given(ADMISSION)
               .when(new ReportHeadcount("ten-1", 25, LocalDate.of(2020, 12, 31), null))
               .expectEvents(new HeadcountReported("ten-1", "inc-1", 25, LocalDate.of(2020, 12, 31)));
        fixture.given(ADMISSION)
               .when(new LogMilestone("ten-1", MilestoneKind.HIGH_TECH_ENTERPRISE, "高新技术企业认定",
                                      LocalDate.of(2021, 11, 1), null))
               .expectEvents(new MilestoneLogged("ten-1", "inc-1", MilestoneKind.HIGH_TECH_ENTERPRISE, "高新技术企业认定",
                                                 LocalDate.of(2021, 11, 1)));
        fixture.given(ADMISSION)
               .when(new ReceiveInvestment("ten-1", "inv-1", Round.ANGEL, "蓉创天使",
                                           new Money(new BigDecimal("1000000"), "USD", new BigDecimal("7.1")),
                                           LocalDate.of(2020, 1, 15), null))
               .expectEvents(ANGEL)
               .expectResultMessagePayload(new Accepted("ten-1", 1, "inv-1"));
    }

    @Test
    void rejectsFactsBeforeAdmission() {
        fixture.given(ADMISSION)
               .when(new ReportHeadcount("ten-1", 5, LocalDate.of(2019, 1, 31), null))
               .expectExceptionMessage("reportedOn = 2019-01-31: must not be before the tenant was admitted "
                                               + "(2019-02-01)")
               .expectNoEvents();
    }

    @Test
    void rejectsFactsAfterGraduationButAcceptsLateEntriesDatedWithin() {
        var graduated = new TenantGraduated("ten-1", "inc-1", CODE, LocalDate.of(2022, 6, 30), "revenue");
        fixture.given(ADMISSION, graduated)
               .when(new GrantIp("ten-1", IpKind.UTILITY_MODEL, "ZL1", "t", LocalDate.of(2022, 7, 1), null))
               .expectExceptionMessage("grantedOn = 2022-07-01: must not be after the incubation ended (graduated on "
                                               + "2022-06-30)")
               .expectNoEvents();
        fixture.given(ADMISSION, graduated)
               .when(new GrantIp("ten-1", IpKind.UTILITY_MODEL, "ZL1", "t", LocalDate.of(2022, 6, 1), null))
               .expectEvents(new IpGranted("ten-1", "inc-1", IpKind.UTILITY_MODEL, "ZL1", "t",
                                           LocalDate.of(2022, 6, 1)));
    }

    @Test
    void rejectsFactsAfterWithdrawal() {
        fixture.given(ADMISSION, new TenantWithdrawn("ten-1", "inc-1", CODE, LocalDate.of(2020, 3, 1), "moved"))
               .when(new ReportHeadcount("ten-1", 5, LocalDate.of(2020, 12, 31), null))
               .expectExceptionMessage("reportedOn = 2020-12-31: must not be after the incubation ended (withdrawn on "
                                               + "2020-03-01)");
    }

    @Test
    void graduatesOrWithdrawsOnlyOnce() {
        var graduated = new TenantGraduated("ten-1", "inc-1", CODE, LocalDate.of(2022, 6, 30), "revenue");
        fixture.given(ADMISSION, graduated)
               .when(new GraduateTenant("ten-1", LocalDate.of(2022, 6, 30), "again", null))
               .expectExceptionMessage("tenantId = ten-1: the incubation already ended: graduated on 2022-06-30");
        fixture.given(ADMISSION, graduated)
               .when(new WithdrawTenant("ten-1", LocalDate.of(2022, 6, 30), "left", null))
               .expectException(LedgerRejection.class)
               .expectNoEvents();
        fixture.given(ADMISSION)
               .when(new WithdrawTenant("ten-1", LocalDate.of(2022, 6, 30), "left", null))
               .expectEvents(new TenantWithdrawn("ten-1", "inc-1", CODE, LocalDate.of(2022, 6, 30), "left"));
    }

    @Test
    void anIncubationCannotEndBeforeItsOwnFacts() {
        fixture.given(ADMISSION, ANGEL)
               .when(new GraduateTenant("ten-1", LocalDate.of(2019, 12, 31), "early", null))
               .expectExceptionMessage("graduatedOn = 2019-12-31: must not be before the tenant's latest recorded "
                                               + "investment (2020-01-15)");
        fixture.given(ADMISSION, new HeadcountReported("ten-1", "inc-1", 8, LocalDate.of(2020, 3, 31)))
               .when(new WithdrawTenant("ten-1", LocalDate.of(2020, 1, 1), "left", null))
               .expectExceptionMessage("withdrawnOn = 2020-01-01: must not be before the tenant's latest recorded "
                                               + "fact (2020-03-31)");
    }

    @Test
    void aRetractedInvestmentNoLongerHoldsBackTheEnd() {
        fixture.given(ADMISSION, ANGEL, new InvestmentRetracted("ten-1", "inc-1", "inv-1", ANGEL.receivedOn(),
                                                                "entered for the wrong company"))
               .when(new GraduateTenant("ten-1", LocalDate.of(2019, 12, 31), "revenue", null))
               .expectEvents(new TenantGraduated("ten-1", "inc-1", CODE, LocalDate.of(2019, 12, 31), "revenue"));
    }

    @Test
    void aCorrectedInvestmentHoldsBackTheEndOnlyAtItsNewDate() {
        var movedEarlier = new InvestmentCorrected("ten-1", "inc-1", "inv-1", Round.ANGEL, "蓉创天使",
                                                   new BigDecimal("1000000"), "USD", new BigDecimal("7.1"),
                                                   LocalDate.of(2019, 6, 1), "date was the contract's, not the payment's");
        fixture.given(ADMISSION, ANGEL, movedEarlier)
               .when(new WithdrawTenant("ten-1", LocalDate.of(2019, 12, 31), "moved", null))
               .expectEvents(new TenantWithdrawn("ten-1", "inc-1", CODE, LocalDate.of(2019, 12, 31), "moved"));
        fixture.given(ADMISSION, ANGEL, movedEarlier)
               .when(new WithdrawTenant("ten-1", LocalDate.of(2019, 5, 31), "moved", null))
               .expectExceptionMessage("withdrawnOn = 2019-05-31: must not be before the tenant's latest recorded "
                                               + "investment (2019-06-01)")
               .expectNoEvents();
    }

    @Test
    void aLateFactDatedWithinAnEndedIncubationIsAcceptedWhicheverWasRecordedFirst() {
        var graduated = new TenantGraduated("ten-1", "inc-1", CODE, LocalDate.of(2022, 6, 30), "revenue");
        fixture.given(ADMISSION, graduated)
               .when(new ReceiveInvestment("ten-1", "inv-2", Round.A, "蓉创基金",
                                           new Money(new BigDecimal("5000000"), "CNY", null),
                                           LocalDate.of(2021, 3, 1), null))
               .expectEvents(new InvestmentReceived("ten-1", "inc-1", "inv-2", Round.A, "蓉创基金",
                                                    new BigDecimal("5000000"), "CNY", BigDecimal.ONE,
                                                    LocalDate.of(2021, 3, 1)));
        fixture.given(ADMISSION, graduated)
               .when(new ReceiveInvestment("ten-1", "inv-2", Round.A, "蓉创基金",
                                           new Money(new BigDecimal("5000000"), "CNY", null),
                                           LocalDate.of(2022, 7, 1), null))
               .expectException(LedgerRejection.class)
               .expectNoEvents();
    }

    @Test
    void rejectsADuplicateIpNumberOrInvestmentId() {
        fixture.given(ADMISSION, new IpGranted("ten-1", "inc-1", IpKind.TRADEMARK, "TM1", "t", ADMITTED))
               .when(new GrantIp("ten-1", IpKind.TRADEMARK, "TM1", "t", ADMITTED, null))
               .expectExceptionMessage("number = TM1: this IP is already recorded for the tenant");
        fixture.given(ADMISSION, ANGEL)
               .when(new ReceiveInvestment("ten-1", "inv-1", Round.SEED, "x",
                                           new Money(BigDecimal.ONE, "CNY", null), ADMITTED, null))
               .expectExceptionMessage("investmentId = inv-1: the tenant already has an investment with this id");
    }

    @Test
    void correctsAnInvestmentKeepingWhatIsNotCorrected() {
        fixture.given(ADMISSION, ANGEL)
               .when(new CorrectInvestment("ten-1", "inv-1", null, null, new BigDecimal("1200000"), null, null, null,
                                           "contract says 1.2m", null))
               .expectEvents(new InvestmentCorrected("ten-1", "inc-1", "inv-1", Round.ANGEL, "蓉创天使",
                                                     new BigDecimal("1200000"), "USD", new BigDecimal("7.1"),
                                                     LocalDate.of(2020, 1, 15), "contract says 1.2m"))
               .expectResultMessagePayload(new Accepted("ten-1", 2, "inv-1"));
    }

    @Test
    void aCorrectionToAnotherCurrencyNeedsItsRate() {
        fixture.given(ADMISSION, ANGEL)
               .when(new CorrectInvestment("ten-1", "inv-1", null, null, null, "EUR", null, null, "wrong currency",
                                           null))
               .expectExceptionMessage("cnyRate: is required when the currency is not CNY");
        fixture.given(ADMISSION, ANGEL)
               .when(new CorrectInvestment("ten-1", "inv-1", null, null, null, "CNY", null, null, "was in CNY", null))
               .expectEvents(new InvestmentCorrected("ten-1", "inc-1", "inv-1", Round.ANGEL, "蓉创天使",
                                                     new BigDecimal("1000000"), "CNY", BigDecimal.ONE,
                                                     LocalDate.of(2020, 1, 15), "was in CNY"));
    }

    @Test
    void rejectsACorrectionThatChangesNothingOrNamesNoField() {
        fixture.given(ADMISSION, ANGEL)
               .when(new CorrectInvestment("ten-1", "inv-1", Round.ANGEL, null, null, null, null, null, "same", null))
               .expectExceptionMessage("correction: changes nothing: every value given equals the recorded one");
        assertThatThrownBy(() -> new CorrectInvestment("ten-1", "inv-1", null, null, null, null, null, null, "why",
                                                       null))
                .hasMessageContaining("must change at least one of");
        assertThatThrownBy(() -> new CorrectInvestment("ten-1", "inv-1", Round.A, null, null, null, null, null, " ",
                                                       null))
                .hasMessage("reason: is required");
    }

    @Test
    void aRetractedInvestmentCannotBeCorrectedOrRetractedAgain() {
        var retracted = new InvestmentRetracted("ten-1", "inc-1", "inv-1", LocalDate.of(2020, 1, 15), "duplicate");
        fixture.given(ADMISSION, ANGEL, retracted)
               .when(new CorrectInvestment("ten-1", "inv-1", Round.SEED, null, null, null, null, null, "x", null))
               .expectExceptionMessage("investmentId = inv-1: the investment was retracted and cannot be corrected")
               .expectNoEvents();
        fixture.given(ADMISSION, ANGEL, retracted)
               .when(new RetractInvestment("ten-1", "inv-1", "again", null))
               .expectException(LedgerRejection.class);
        fixture.given(ADMISSION, ANGEL)
               .when(new RetractInvestment("ten-1", "inv-1", "duplicate", null))
               .expectEvents(retracted);
    }

    @Test
    void anUnknownInvestmentIsNotFound() {
        fixture.given(ADMISSION)
               .when(new RetractInvestment("ten-1", "inv-9", "x", null))
               .expectException(LedgerRejection.class)
               .expectExceptionMessage("investmentId = inv-9: the tenant has no investment with this id");
    }

    /** The register's contract on a map: enough for the aggregate's rules; the Mongo one is tested over HTTP. */
    static final class InMemoryCompanyRegister implements CompanyRegister {
        final Map<String, List<Claim>> claims = new ConcurrentHashMap<>();

        @Override
        public synchronized List<Claim> claims(String creditCode) {
            return List.copyOf(claims.getOrDefault(creditCode, List.of()));
        }

        @Override
        public synchronized boolean claim(String creditCode, String tenantId, Instant at) {
            if (claims.containsKey(creditCode)) {
                return false;
            }
            claims.put(creditCode, new ArrayList<>(List.of(new Claim(creditCode, tenantId, at, 0))));
            return true;
        }

        @Override
        public synchronized boolean takeOver(Claim previous, String tenantId, Instant at) {
            List<Claim> held = claims.get(previous.creditCode());
            if (held == null || !held.get(held.size() - 1).equals(previous)) {
                return false;
            }
            held.add(new Claim(previous.creditCode(), tenantId, at, previous.generation() + 1));
            return true;
        }

        @Override
        public synchronized void release(String creditCode, String tenantId) {
            List<Claim> held = claims.get(creditCode);
            if (held != null && held.get(held.size() - 1).tenantId().equals(tenantId)) {
                held.remove(held.size() - 1);
                if (held.isEmpty()) {
                    claims.remove(creditCode);
                }
            }
        }
    }
}
