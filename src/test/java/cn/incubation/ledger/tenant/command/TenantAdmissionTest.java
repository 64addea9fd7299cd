package cn.incubation.ledger.tenant.command;

import cn.incubation.ledger.shared.Accepted;
import cn.incubation.ledger.shared.CreditCode;
import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.tenant.TenantCommands.AdmitTenant;
import cn.incubation.ledger.tenant.TenantCommands.IncubationEnd;
import cn.incubation.ledger.tenant.TenantCommands.RegisterCompany;
import cn.incubation.ledger.tenant.TenantEvent.CompanyRegistered;
import cn.incubation.ledger.tenant.TenantEvent.TenantAdmitted;
import cn.incubation.ledger.tenant.TenantEvent.TenantGraduated;
import cn.incubation.ledger.tenant.TenantEvent.TenantWithdrawn;
import cn.incubation.ledger.tenant.command.TenantTest.InMemoryCompanyRegister;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static cn.incubation.ledger.tenant.command.TenantTest.ADMISSION;
import static cn.incubation.ledger.tenant.command.TenantTest.CODE;
import static cn.incubation.ledger.tenant.command.TenantTest.TODAY;
import static cn.incubation.ledger.tenant.command.TenantTest.admit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * "One company in incubation at one carrier at a time" spans two tenants, which a single-aggregate fixture cannot
 * hold; these tests run the admission through Axon's real command bus and repository on an in-memory event store.
 */
class TenantAdmissionTest {

    static final Map<String, LocalDate> INCUBATORS_OPENED_ON = Map.of("inc-1", LocalDate.of(2016, 3, 1),
                                                                       "inc-2", LocalDate.of(2019, 6, 1));

    InMemoryCompanyRegister register;
    Configuration axon;
    CommandGateway commands;

    @BeforeEach
    void setUp() {
        register = new InMemoryCompanyRegister();
        axon = DefaultConfigurer.defaultConfiguration()
                                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                                .configureAggregate(Tenant.class)
                                .registerComponent(Clock.class, c -> TODAY)
                                .registerCommandHandler(c -> new TenantAdmission(c.repository(Tenant.class),
                                                                                 this::checkIncubator, register,
                                                                                 c.eventStore()))
                                .start();
        commands = axon.commandGateway();
    }

    @AfterEach
    void tearDown() {
        axon.shutdown();
    }

    /** The carrier's side of an admission, as {@code IncubatorAdmissions} answers it for two known carriers. */
    void checkIncubator(String incubatorId, LocalDate admittedOn) {
        LocalDate opened = INCUBATORS_OPENED_ON.get(incubatorId);
        if (opened == null) {
            throw LedgerRejection.notFound("incubatorId", incubatorId, "no incubator has this id");
        }
        if (admittedOn.isBefore(opened)) {
            throw LedgerRejection.conflict("admittedOn", admittedOn, "must not be before the carrier opened ("
                    + opened + ")");
        }
    }

    void given(Object... events) {
        givenTenant("ten-1", events);
    }

    void givenTenant(String tenantId, Object... events) {
        for (int i = 0; i < events.length; i++) {
            axon.eventStore().publish(new GenericDomainEventMessage<>("Tenant", tenantId, i, events[i]));
        }
    }

    /** ten-1, the company's incubation at inc-2 from 2021-07-01, still running. */
    void givenALaterIncubation() {
        given(new TenantAdmitted("ten-1", "inc-2", "成都某某科技有限公司", CODE, "AI", LocalDate.of(2019, 1, 1),
                                 LocalDate.of(2021, 7, 1)));
        register.claim(CODE, "ten-1", Instant.EPOCH);
    }

    static AdmitTenant backFill(LocalDate admittedOn, IncubationEnd end) {
        return new AdmitTenant("ten-0", "inc-1", "成都某某科技有限公司", new CreditCode(CODE), null, "AI",
                               LocalDate.of(2019, 1, 1), admittedOn, end);
    }

    List<Object> eventsOf(String tenantId) {
        return axon.eventStore().readEvents(tenantId).asStream().map(DomainEventMessage::getPayload)
                   .map(Object.class::cast).toList();
    }

    @Test
    void admitsACompanyAndClaimsItsCreditCode() {
        Accepted accepted = commands.sendAndWait(admit("ten-1", "inc-1", ADMISSION.admittedOn()));

        assertThat(accepted).isEqualTo(new Accepted("ten-1", 0, null));
        assertThat(eventsOf("ten-1")).containsExactly(ADMISSION);
        assertThat(register.holder(CODE).orElseThrow().tenantId()).isEqualTo("ten-1");
    }

    @Test
    void rejectsAdmissionToAnUnknownIncubatorAndClaimsNothing() {
        assertThatThrownBy(() -> commands.sendAndWait(admit("ten-1", "inc-9", ADMISSION.admittedOn())))
                .hasMessage("incubatorId = inc-9: no incubator has this id");
        assertThat(eventsOf("ten-1")).isEmpty();
        assertThat(register.holder(CODE)).isEmpty();
    }

    @Test
    void rejectsAdmissionBeforeTheIncubatorOpened() {
        assertThatThrownBy(() -> commands.sendAndWait(admit("ten-1", "inc-2", LocalDate.of(2019, 5, 31))))
                .hasMessage("admittedOn = 2019-05-31: must not be before the carrier opened (2019-06-01)");
        assertThat(eventsOf("ten-1")).isEmpty();
    }

    @Test
    void rejectsAdmissionBeforeTheCompanyWasFoundedOrAfterToday() {
        assertThatThrownBy(() -> new AdmitTenant("ten-1", "inc-1", "x", new CreditCode(CODE), "AI",
                                                 LocalDate.of(2019, 1, 1), LocalDate.of(2018, 12, 31)))
                .hasMessage("admittedOn = 2018-12-31: must not be before the company was founded (2019-01-01)");
        assertThatThrownBy(() -> commands.sendAndWait(admit("ten-1", "inc-1", LocalDate.of(2025, 7, 1))))
                .hasMessage("admittedOn = 2025-07-01: must not be after today (2025-06-30)");
        assertThat(register.holder(CODE)).isEmpty();
    }

    @Test
    void rejectsATenantIdAlreadyInUse() {
        given(ADMISSION);
        assertThatThrownBy(() -> commands.sendAndWait(admit("ten-1", "inc-1", ADMISSION.admittedOn())))
                .hasMessage("tenantId = ten-1: a tenant with this id already exists");
        assertThat(eventsOf("ten-1")).hasSize(1);
    }

    @Test
    void rejectsASecondIncubationOfACompanyStillInIncubation() {
        given(ADMISSION);
        register.claim(CODE, "ten-1", Instant.EPOCH);

        assertThatThrownBy(() -> commands.sendAndWait(admit("ten-2", "inc-2", LocalDate.of(2020, 1, 1))))
                .isInstanceOf(LedgerRejection.class)
                .hasMessage("creditCode = " + CODE + ": the company is in incubation as tenant ten-1 at incubator "
                                    + "inc-1; it must graduate or withdraw there first");
        assertThat(eventsOf("ten-2")).isEmpty();
        assertThat(register.holder(CODE).orElseThrow().tenantId()).isEqualTo("ten-1");
    }

    @Test
    void admitsACompanyMovingOnAfterGraduatingElsewhere() {
        given(ADMISSION, new TenantGraduated("ten-1", "inc-1", CODE, LocalDate.of(2021, 6, 30), "revenue"));
        register.claim(CODE, "ten-1", Instant.EPOCH);

        Accepted accepted = commands.sendAndWait(admit("ten-2", "inc-2", LocalDate.of(2021, 7, 1)));

        assertThat(accepted).isEqualTo(new Accepted("ten-2", 0, null));
        assertThat(eventsOf("ten-2")).containsExactly(new TenantAdmitted(
                "ten-2", "inc-2", "成都某某科技有限公司", CODE, "AI", LocalDate.of(2019, 1, 1), LocalDate.of(2021, 7, 1)));
        assertThat(register.holder(CODE).orElseThrow().tenantId()).isEqualTo("ten-2");
    }

    @Test
    void rejectsAMoveDatedBeforeThePreviousIncubationEnded() {
        given(ADMISSION, new TenantGraduated("ten-1", "inc-1", CODE, LocalDate.of(2021, 6, 30), "revenue"));
        register.claim(CODE, "ten-1", Instant.EPOCH);

        assertThatThrownBy(() -> commands.sendAndWait(admit("ten-2", "inc-2", LocalDate.of(2021, 6, 1))))
                .hasMessage("admittedOn = 2021-06-01: must not be before the company's previous incubation (tenant "
                                    + "ten-1) ended on 2021-06-30");
        assertThat(eventsOf("ten-2")).isEmpty();
    }

    @Test
    void waitsForAnAdmissionInProgressButTakesOverOneThatDied() {
        register.claim(CODE, "ten-ghost", TODAY.instant().minusSeconds(5));
        assertThatThrownBy(() -> commands.sendAndWait(admit("ten-1", "inc-1", ADMISSION.admittedOn())))
                .hasMessage("creditCode = " + CODE + ": another admission of this company is in progress; retry in "
                                    + "a moment");

        register.claims.clear();
        register.claim(CODE, "ten-ghost", TODAY.instant().minusSeconds(600));
        commands.sendAndWait(admit("ten-1", "inc-1", ADMISSION.admittedOn()));
        assertThat(eventsOf("ten-1")).containsExactly(ADMISSION);
        assertThat(register.holder(CODE).orElseThrow().tenantId()).isEqualTo("ten-1");
    }

    @Test
    void backFillsAnEarlierIncubationWholeWhenItEndedBeforeTheLaterOneBegan() {
        givenALaterIncubation();

        commands.sendAndWait(backFill(LocalDate.of(2019, 2, 1),
                                      new IncubationEnd(true, LocalDate.of(2021, 6, 30), "high-tech enterprise")));

        assertThat(eventsOf("ten-0")).containsExactly(
                new TenantAdmitted("ten-0", "inc-1", "成都某某科技有限公司", CODE, "AI", LocalDate.of(2019, 1, 1),
                                   LocalDate.of(2019, 2, 1)),
                new TenantGraduated("ten-0", "inc-1", CODE, LocalDate.of(2021, 6, 30), "high-tech enterprise"));
        assertThat(register.claims(CODE)).extracting(CompanyRegister.Claim::tenantId).containsExactly("ten-1", "ten-0");
    }

    @Test
    void refusesABackFilledIncubationWithoutItsEndOrOverlappingTheLaterOne() {
        givenALaterIncubation();

        assertThatThrownBy(() -> commands.sendAndWait(backFill(LocalDate.of(2019, 2, 1), null)))
                .hasMessage("admittedOn = 2019-02-01: the company's later incubation (tenant ten-1 at incubator inc-2) "
                                    + "began on 2021-07-01: an earlier one must end by then; record its end with it "
                                    + "(graduatedOn or withdrawnOn)");
        assertThatThrownBy(() -> commands.sendAndWait(backFill(LocalDate.of(2019, 2, 1), new IncubationEnd(
                false, LocalDate.of(2021, 7, 2), "moved"))))
                .hasMessage("withdrawnOn = 2021-07-02: the company's later incubation (tenant ten-1 at incubator inc-2) "
                                    + "began on 2021-07-01: an earlier one must end by then");
        assertThat(eventsOf("ten-0")).isEmpty();
        assertThat(register.claims(CODE)).extracting(CompanyRegister.Claim::tenantId).containsExactly("ten-1");
    }

    @Test
    void refusesAnIncubationInsideAnEarlierOneWhicheverWasRecordedFirst() {
        givenTenant("ten-0", new TenantAdmitted("ten-0", "inc-1", "成都某某科技有限公司", CODE, "AI",
                                                LocalDate.of(2019, 1, 1), LocalDate.of(2019, 2, 1)),
                    new TenantGraduated("ten-0", "inc-1", CODE, LocalDate.of(2021, 6, 30), "revenue"));
        register.claim(CODE, "ten-0", Instant.EPOCH);

        assertThatThrownBy(() -> commands.sendAndWait(new AdmitTenant(
                "ten-1", "inc-2", "成都某某科技有限公司", new CreditCode(CODE), null, "AI", LocalDate.of(2019, 1, 1),
                LocalDate.of(2020, 1, 1), new IncubationEnd(false, LocalDate.of(2020, 6, 30), "left"))))
                .hasMessage("admittedOn = 2020-01-01: must not be before the company's previous incubation (tenant "
                                    + "ten-0) ended on 2021-06-30");
        assertThat(eventsOf("ten-1")).isEmpty();
    }

    @Test
    void admitsATeamWithoutACompanyAndClaimsNothing() {
        commands.sendAndWait(AdmitTenant.team("ten-t", "inc-1", "智元创业团队", "AI", LocalDate.of(2020, 1, 1)));

        assertThat(eventsOf("ten-t")).containsExactly(new TenantAdmitted(
                "ten-t", "inc-1", null, null, "AI", null, LocalDate.of(2020, 1, 1), "智元创业团队"));
        assertThat(register.claims).isEmpty();
    }

    @Test
    void aTeamRegistersItsCompanyOnlyWhenTheCompanyIsInIncubationNowhereElse() {
        givenTenant("ten-t", new TenantAdmitted("ten-t", "inc-1", null, null, "AI", null, LocalDate.of(2020, 1, 1),
                                                "智元创业团队"));
        given(ADMISSION);
        register.claim(CODE, "ten-1", Instant.EPOCH);
        RegisterCompany registration = new RegisterCompany("ten-t", "成都智元科技有限公司", new CreditCode(CODE),
                                                           LocalDate.of(2020, 6, 1), null);

        assertThatThrownBy(() -> commands.sendAndWait(registration))
                .hasMessage("creditCode = " + CODE + ": the company is in incubation as tenant ten-1 at incubator "
                                    + "inc-1; it must graduate or withdraw there first");
        assertThat(eventsOf("ten-t")).hasSize(1);

        axon.eventStore().publish(new GenericDomainEventMessage<>("Tenant", "ten-1", 1, new TenantWithdrawn(
                "ten-1", "inc-1", CODE, LocalDate.of(2020, 5, 31), "joined the team")));
        Accepted accepted = commands.sendAndWait(registration);

        assertThat(accepted).isEqualTo(new Accepted("ten-t", 1, null));
        assertThat(eventsOf("ten-t")).endsWith(new CompanyRegistered("ten-t", "inc-1", "成都智元科技有限公司", CODE,
                                                                      LocalDate.of(2020, 6, 1)));
        assertThat(register.holder(CODE).orElseThrow().tenantId()).isEqualTo("ten-t");
    }

    @Test
    void onlyATeamRegistersACompanyAndOnlyOnceWithinItsIncubation() {
        given(ADMISSION);
        assertThatThrownBy(() -> commands.sendAndWait(new RegisterCompany("ten-1", "x", new CreditCode(CODE),
                                                                          LocalDate.of(2020, 6, 1), null)))
                .hasMessage("tenantId = ten-1: the tenant was admitted as a company, not a team");
        givenTenant("ten-t", new TenantAdmitted("ten-t", "inc-1", null, null, "AI", null, LocalDate.of(2020, 1, 1),
                                                "智元创业团队"));
        assertThatThrownBy(() -> commands.sendAndWait(new RegisterCompany("ten-t", "x", new CreditCode(CODE),
                                                                          LocalDate.of(2019, 12, 31), null)))
                .hasMessage("registeredOn = 2019-12-31: must not be before the tenant was admitted (2020-01-01)");
        assertThatThrownBy(() -> commands.sendAndWait(new RegisterCompany("ten-9", "x", new CreditCode(CODE),
                                                                          LocalDate.of(2020, 6, 1), null)))
                .hasMessage("tenantId = ten-9: no tenant has this id");
        assertThat(register.claims).isEmpty();
    }
}
