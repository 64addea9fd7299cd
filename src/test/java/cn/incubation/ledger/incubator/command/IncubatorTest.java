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

    @Test
    void accreditationLevelsRiseButNeverFall() {
        fixture.given(REGISTERED, new IncubatorAccredited("inc-1", AccreditationLevel.PROVINCIAL,
                                                          LocalDate.of(2018, 1, 1)))
               .when(new AccreditIncubator("inc-1", AccreditationLevel.MUNICIPAL, LocalDate.of(2019, 1, 1), null))
               .expectException(LedgerRejection.class)
               .expectExceptionMessage("level = MUNICIPAL: an accreditation level only rises; the carrier is already "
                                               + "PROVINCIAL");
        fixture.given(REGISTERED)
               .when(new AccreditIncubator("inc-1", AccreditationLevel.NATIONAL, LocalDate.of(2019, 1, 1), null))
               .expectEvents(new IncubatorAccredited("inc-1", AccreditationLevel.NATIONAL, LocalDate.of(2019, 1, 1)))
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

    @Test
    void aClosedIncubatorTakesNoFurtherCommands() {
        var closed = new IncubatorClosed("inc-1", LocalDate.of(2022, 6, 30), "lease ended");
        fixture.given(REGISTERED, closed)
               .when(new ReportStaff("inc-1", 3, LocalDate.of(2022, 7, 1), null))
               .expectExceptionMessage("incubatorId = inc-1: the carrier closed on 2022-06-30 and takes no further "
                                               + "commands")
               .expectNoEvents();
        fixture.given(REGISTERED, closed)
               .when(new CloseIncubator("inc-1", LocalDate.of(2022, 7, 1), "again", null))
               .expectException(LedgerRejection.class);
        fixture.given(REGISTERED)
               .when(new CloseIncubator("inc-1", LocalDate.of(2022, 6, 30), "lease ended", null))
               .expectEvents(closed);
    }

    @Test
    void aClosedIncubatorAdmitsNoTenants() {
        Incubator incubator = new Incubator();
        incubator.on(REGISTERED);
        incubator.on(new IncubatorClosed("inc-1", LocalDate.of(2022, 6, 30), "lease ended"));
        assertThatThrownBy(() -> incubator.checkAdmission(LocalDate.of(2021, 1, 1)))
                .hasMessage("incubatorId = inc-1: the carrier closed on 2022-06-30 and admits no tenants");
    }
}
