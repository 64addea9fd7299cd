package cn.incubation.ledger.incubator.command;

import cn.incubation.ledger.incubator.AccreditationLevel;
import cn.incubation.ledger.incubator.CarrierKind;
import cn.incubation.ledger.incubator.IncubatorCommands.AccreditIncubator;
import cn.incubation.ledger.incubator.IncubatorCommands.ChangeFloorArea;
import cn.incubation.ledger.incubator.IncubatorCommands.CloseIncubator;
import cn.incubation.ledger.incubator.IncubatorCommands.RateIncubator;
import cn.incubation.ledger.incubator.IncubatorCommands.RegisterIncubator;
import cn.incubation.ledger.incubator.IncubatorCommands.ReportStaff;
import cn.incubation.ledger.incubator.IncubatorEvent.FloorAreaChanged;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorAccredited;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorClosed;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorRated;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorRegistered;
import cn.incubation.ledger.incubator.IncubatorEvent.StaffReported;
import cn.incubation.ledger.incubator.Rating;
import cn.incubation.ledger.region.RegionCatalog;
import cn.incubation.ledger.shared.Accepted;
import cn.incubation.ledger.shared.LedgerRejection;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncubatorTest {

    static final Clock TODAY = Clock.fixed(LocalDate.of(2025, 6, 30).atStartOfDay(ZoneId.of("Asia/Shanghai"))
                                                 .toInstant(), ZoneId.of("Asia/Shanghai"));
    static final RegionCatalog REGIONS = RegionCatalog.load(Path.of("config/regions.yaml"));
    static final LocalDate OPENED = LocalDate.of(2016, 3, 1);
    static final IncubatorRegistered REGISTERED = new IncubatorRegistered(
            "inc-1", "天府软件园创业场", CarrierKind.INCUBATOR, "510107", "天府软件园", OPENED, new BigDecimal("12000"), 20);

    AggregateTestFixture<Incubator> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Incubator.class);
        fixture.registerInjectableResource(TODAY);
        fixture.registerInjectableResource(REGIONS);
    }

    @Test
    void registersAnIncubatorInAKnownDistrict() {
        fixture.givenNoPriorActivity()
               .when(new RegisterIncubator("inc-1", "天府软件园创业场", CarrierKind.INCUBATOR, "510107", "天府软件园", OPENED,
                                           new BigDecimal("12000"), 20))
               .expectEvents(REGISTERED)
               .expectResultMessagePayload(new Accepted("inc-1", 0, null));
    }

    @Test
    void rejectsAnUnknownRegionCode() {
        fixture.givenNoPriorActivity()
               .when(new RegisterIncubator("inc-1", "x", CarrierKind.INCUBATOR, "519999", "op", OPENED,
                                           BigDecimal.TEN, 1))
               .expectException(LedgerRejection.class)
               .expectExceptionMessage("regionCode = 519999: is not a division code in the region catalog (GET /api/regions)")
               .expectNoEvents();
    }

    @Test
    void rejectsAnEconomicRegionAsTheCarriersRegion() {
        fixture.givenNoPriorActivity()
               .when(new RegisterIncubator("inc-1", "x", CarrierKind.INCUBATOR, "chengyu", "op", OPENED,
                                           BigDecimal.TEN, 1))
               .expectException(LedgerRejection.class)
               .expectNoEvents();
    }

    @Test
    void rejectsAnOpeningDateAfterToday() {
        fixture.givenNoPriorActivity()
               .when(new RegisterIncubator("inc-1", "x", CarrierKind.INCUBATOR, "510107", "op",
                                           LocalDate.of(2025, 7, 1), BigDecimal.TEN, 1))
               .expectExceptionMessage("openedOn = 2025-07-01: must not be after today (2025-06-30)")
               .expectNoEvents();
    }

    @Test
    void rejectsInvalidRegistrationFieldsBeforeAnythingIsHandled() {
        assertThatThrownBy(() -> new RegisterIncubator("Inc 1", "x", CarrierKind.INCUBATOR, "510107", "op", OPENED,
                                                       BigDecimal.TEN, 1))
                .hasMessage("incubatorId = Inc 1: must match [a-z0-9-]{3,64}");
        assertThatThrownBy(() -> new RegisterIncubator("inc-1", "x", CarrierKind.INCUBATOR, "510107", "op",
                                                       LocalDate.of(1979, 12, 31), BigDecimal.TEN, 1))
                .hasMessage("openedOn = 1979-12-31: must not be before 1980-01-01");
        assertThatThrownBy(() -> new RegisterIncubator("inc-1", "x", CarrierKind.INCUBATOR, "510107", "op", OPENED,
                                                       BigDecimal.ZERO, 1))
                .hasMessage("floorAreaM2 = 0: must be positive");
        assertThatThrownBy(() -> new RegisterIncubator("inc-1", "x", CarrierKind.INCUBATOR, "510107", "op", OPENED,
                                                       BigDecimal.TEN, -1))
                .hasMessage("staff = -1: must not be negative");
        assertThatThrownBy(() -> new RegisterIncubator("inc-1", "x", null, "510107", "op", OPENED, BigDecimal.TEN, 1))
                .hasMessage("kind: is required");
        assertThatThrownBy(() -> new ChangeFloorArea("inc-1", new BigDecimal("1e14"), OPENED, null))
                .hasMessage("floorAreaM2 = 1E+14: must be at most 10000000");
        assertThatThrownBy(() -> new ChangeFloorArea("inc-1", new BigDecimal("12000.005"), OPENED, null))
                .hasMessage("floorAreaM2 = 12000.005: must have at most 2 decimal places");
        assertThatThrownBy(() -> new ReportStaff("inc-1", 100_001, OPENED, null))
                .hasMessage("staff = 100001: must be at most 100000");
    }

    static IncubatorAccredited accredited(AccreditationLevel level, LocalDate on) {
        return new IncubatorAccredited("inc-1", level, on);
    }

    static AccreditIncubator accredit(AccreditationLevel level, LocalDate on) {
        return new AccreditIncubator("inc-1", level, on, null);
    }

    @Test
    void acceptsAnEarlierLowerAccreditationRecordedAfterALaterHigherOne() {
        fixture.given(REGISTERED, accredited(AccreditationLevel.PROVINCIAL, LocalDate.of(2020, 1, 1)))
               .when(accredit(AccreditationLevel.MUNICIPAL, LocalDate.of(2018, 1, 1)))
               .expectEvents(accredited(AccreditationLevel.MUNICIPAL, LocalDate.of(2018, 1, 1)));
        fixture.given(REGISTERED, accredited(AccreditationLevel.MUNICIPAL, LocalDate.of(2018, 1, 1)))
               .when(accredit(AccreditationLevel.PROVINCIAL, LocalDate.of(2020, 1, 1)))
               .expectEvents(accredited(AccreditationLevel.PROVINCIAL, LocalDate.of(2020, 1, 1)))
               .expectResultMessagePayload(new Accepted("inc-1", 2, null));
    }

    @Test
    void refusesALevelThatFallsByBusinessDateInEitherRecordingOrder() {
        fixture.given(REGISTERED, accredited(AccreditationLevel.PROVINCIAL, LocalDate.of(2018, 1, 1)))
               .when(accredit(AccreditationLevel.MUNICIPAL, LocalDate.of(2019, 1, 1)))
               .expectExceptionMessage("level = MUNICIPAL: an accreditation level only rises; the carrier was "
                                               + "accredited PROVINCIAL on 2018-01-01, before 2019-01-01")
               .expectNoEvents();
        fixture.given(REGISTERED, accredited(AccreditationLevel.MUNICIPAL, LocalDate.of(2019, 1, 1)))
               .when(accredit(AccreditationLevel.PROVINCIAL, LocalDate.of(2018, 1, 1)))
               .expectExceptionMessage("level = PROVINCIAL: an accreditation level only rises; the carrier was "
                                               + "accredited MUNICIPAL on 2019-01-01, after 2018-01-01")
               .expectNoEvents();
        fixture.given(REGISTERED, accredited(AccreditationLevel.MUNICIPAL, LocalDate.of(2019, 1, 1)))
               .when(accredit(AccreditationLevel.NATIONAL, LocalDate.of(2019, 1, 1)))
               .expectExceptionMessage("accreditedOn = 2019-01-01: the carrier already has an accreditation on this "
                                               + "date (MUNICIPAL)");
        fixture.given(REGISTERED)
               .when(accredit(AccreditationLevel.NATIONAL, LocalDate.of(2019, 1, 1)))
               .expectEvents(accredited(AccreditationLevel.NATIONAL, LocalDate.of(2019, 1, 1)))
               .expectResultMessagePayload(new Accepted("inc-1", 1, null));
    }

    @Test
    void rejectsFactsDatedBeforeTheCarrierOpened() {
        fixture.given(REGISTERED)
               .when(new ReportStaff("inc-1", 12, LocalDate.of(2016, 2, 28), null))
               .expectExceptionMessage("reportedOn = 2016-02-28: must not be before the carrier opened (2016-03-01)")
               .expectNoEvents();
    }

    @Test
    void recordsFloorAreaAndStaff() {
        fixture.given(REGISTERED)
               .when(new ChangeFloorArea("inc-1", new BigDecimal("15000"), LocalDate.of(2020, 1, 1), null))
               .expectEvents(new FloorAreaChanged("inc-1", new BigDecimal("15000"), LocalDate.of(2020, 1, 1)));
        fixture.given(REGISTERED)
               .when(new ReportStaff("inc-1", 31, LocalDate.of(2020, 12, 31), null))
               .expectEvents(new StaffReported("inc-1", 31, LocalDate.of(2020, 12, 31)));
    }

    @Test
    void ratesEachYearOnceAndNotAheadOfTime() {
        fixture.given(REGISTERED, new IncubatorRated("inc-1", 2020, Rating.GOOD))
               .when(new RateIncubator("inc-1", 2020, Rating.EXCELLENT, null))
               .expectExceptionMessage("year = 2020: the carrier is already rated for this year");
        fixture.given(REGISTERED)
               .when(new RateIncubator("inc-1", 2026, Rating.EXCELLENT, null))
               .expectExceptionMessage("year = 2026: must not be after this year (2025)");
        fixture.given(REGISTERED)
               .when(new RateIncubator("inc-1", 2015, Rating.EXCELLENT, null))
               .expectException(LedgerRejection.class);
        fixture.given(REGISTERED)
               .when(new RateIncubator("inc-1", 2021, Rating.PASS, null))
               .expectEvents(new IncubatorRated("inc-1", 2021, Rating.PASS));
    }

    static final IncubatorClosed CLOSED = new IncubatorClosed("inc-1", LocalDate.of(2022, 6, 30), "lease ended");

    @Test
    void aClosedCarrierTakesLateFactsDatedBeforeItsClosure() {
        fixture.given(REGISTERED, CLOSED)
               .when(new ReportStaff("inc-1", 3, LocalDate.of(2021, 12, 31), null))
               .expectEvents(new StaffReported("inc-1", 3, LocalDate.of(2021, 12, 31)));
        fixture.given(REGISTERED, CLOSED)
               .when(accredit(AccreditationLevel.MUNICIPAL, LocalDate.of(2019, 5, 1)))
               .expectEvents(accredited(AccreditationLevel.MUNICIPAL, LocalDate.of(2019, 5, 1)));
        fixture.given(REGISTERED, CLOSED)
               .when(new RateIncubator("inc-1", 2021, Rating.GOOD, null))
               .expectEvents(new IncubatorRated("inc-1", 2021, Rating.GOOD));
    }

    @Test
    void aClosedCarrierRefusesFactsDatedAfterItsClosure() {
        fixture.given(REGISTERED, CLOSED)
               .when(new ReportStaff("inc-1", 3, LocalDate.of(2022, 7, 1), null))
               .expectExceptionMessage("reportedOn = 2022-07-01: must not be after the carrier closed (2022-06-30)")
               .expectNoEvents();
        fixture.given(REGISTERED, CLOSED)
               .when(new RateIncubator("inc-1", 2023, Rating.GOOD, null))
               .expectExceptionMessage("year = 2023: must not be after the year the carrier closed (2022-06-30)")
               .expectNoEvents();
        fixture.given(REGISTERED, CLOSED)
               .when(new CloseIncubator("inc-1", LocalDate.of(2022, 7, 1), "again", null))
               .expectExceptionMessage("incubatorId = inc-1: the carrier already closed on 2022-06-30")
               .expectNoEvents();
        fixture.given(REGISTERED)
               .when(new CloseIncubator("inc-1", LocalDate.of(2022, 6, 30), "lease ended", null))
               .expectEvents(CLOSED);
    }

    @Test
    void aCarrierCannotCloseBeforeItsOwnFactsWhicheverWasRecordedFirst() {
        fixture.given(REGISTERED, new StaffReported("inc-1", 3, LocalDate.of(2022, 12, 31)))
               .when(new CloseIncubator("inc-1", LocalDate.of(2022, 6, 30), "lease ended", null))
               .expectExceptionMessage("closedOn = 2022-06-30: must not be before the carrier's latest recorded fact "
                                               + "(2022-12-31)")
               .expectNoEvents();
        fixture.given(REGISTERED, CLOSED)
               .when(new ReportStaff("inc-1", 3, LocalDate.of(2022, 12, 31), null))
               .expectException(LedgerRejection.class)
               .expectNoEvents();
    }

    @Test
    void aClosedCarrierAdmitsTenantsOnlyBeforeItsClosure() {
        Incubator incubator = new Incubator();
        incubator.on(REGISTERED);
        incubator.on(CLOSED);
        incubator.checkAdmission(LocalDate.of(2021, 1, 1));
        assertThatThrownBy(() -> incubator.checkAdmission(LocalDate.of(2022, 6, 30)))
                .hasMessage("admittedOn = 2022-06-30: must be before the carrier closed (2022-06-30)");
        assertThatThrownBy(() -> incubator.checkAdmission(LocalDate.of(2023, 1, 1)))
                .isInstanceOf(LedgerRejection.class);
    }
}
