package cn.incubation.ledger.tenant.command;

import cn.incubation.ledger.shared.Accepted;
import cn.incubation.ledger.shared.Check;
import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.shared.Money;
import cn.incubation.ledger.tenant.Round;
import cn.incubation.ledger.tenant.TenantCommands.AdmitTenant;
import cn.incubation.ledger.tenant.TenantCommands.CorrectInvestment;
import cn.incubation.ledger.tenant.TenantCommands.GrantIp;
import cn.incubation.ledger.tenant.TenantCommands.GraduateTenant;
import cn.incubation.ledger.tenant.TenantCommands.IncubationEnd;
import cn.incubation.ledger.tenant.TenantCommands.RegisterCompany;
import cn.incubation.ledger.tenant.TenantCommands.LogMilestone;
import cn.incubation.ledger.tenant.TenantCommands.ReceiveInvestment;
import cn.incubation.ledger.tenant.TenantCommands.ReportHeadcount;
import cn.incubation.ledger.tenant.TenantCommands.RetractInvestment;
import cn.incubation.ledger.tenant.TenantCommands.WithdrawTenant;
import cn.incubation.ledger.tenant.TenantEvent.CompanyRegistered;
import cn.incubation.ledger.tenant.TenantEvent.HeadcountReported;
import cn.incubation.ledger.tenant.TenantEvent.InvestmentCorrected;
import cn.incubation.ledger.tenant.TenantEvent.InvestmentReceived;
import cn.incubation.ledger.tenant.TenantEvent.InvestmentRetracted;
import cn.incubation.ledger.tenant.TenantEvent.IpGranted;
import cn.incubation.ledger.tenant.TenantEvent.MilestoneLogged;
import cn.incubation.ledger.tenant.TenantEvent.TenantAdmitted;
import cn.incubation.ledger.tenant.TenantEvent.TenantGraduated;
import cn.incubation.ledger.tenant.TenantEvent.TenantWithdrawn;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * One incubation of one company at one carrier, from admission to graduation or withdrawal. Every fact it records
 * falls within the incubation: not before admission, not after its end. Rules compare the facts' own business dates
 * as they stand after corrections and retractions, never the order in which they were recorded.
 */
@Aggregate(snapshotTriggerDefinition = "tenantSnapshotTrigger", cache = "tenantCache")
@Revision("2")
public class Tenant {

    @AggregateIdentifier
    private String tenantId;
    private String incubatorId;
    /** Null for a team until it registers a company. */
    private String creditCode;
    private String teamName;
    /** When a team registered its company; null for a tenant admitted as a company. */
    private LocalDate registeredOn;
    private LocalDate admittedOn;
    private LocalDate endedOn;
    private String ending;
    /** The latest business date of the facts that are never corrected: admission, IP, headcounts, milestones. */
    private LocalDate latestFixedFactOn;
    private final Set<String> ipNumbers = new HashSet<>();
    private final Map<String, Investment> investments = new HashMap<>();

    /** What the tenant needs to remember of an investment to judge corrections and retractions. */
    private record Investment(Round round, String investor, BigDecimal amount, String currency, BigDecimal cnyRate,
                              LocalDate receivedOn, boolean retracted) {
    }

    protected Tenant() {
    }

    /**
     * Starts an incubation, or records a past one whole, with its end; the admission's cross-aggregate rules were
     * checked by {@link TenantAdmission}.
     */
    Tenant(AdmitTenant command, Clock clock) {
        String code = command.isTeam() ? null : command.creditCode().value();
        apply(new TenantAdmitted(command.tenantId(), command.incubatorId(), command.companyName(), code,
                                 command.sector(), command.foundedOn(), command.admittedOn(), command.teamName()));
        IncubationEnd end = command.end();
        if (end != null) {
            // The command saw to it that the end is not before the admission; the state is applied after this returns.
            Check.notAfter(end.field(), end.on(), LocalDate.now(clock));
            apply(end.graduated()
                          ? new TenantGraduated(command.tenantId(), command.incubatorId(), code, end.on(), end.note())
                          : new TenantWithdrawn(command.tenantId(), command.incubatorId(), code, end.on(), end.note()));
        }
    }

    /**
     * Whether the team may register a company on that date: it is a team without one, and the date falls within its
     * incubation. Answers when the incubation ends (null while it runs): the company's incubation is the rest of it.
     */
    LocalDate checkRegistration(RegisterCompany command, Clock clock) {
        if (teamName == null) {
            throw LedgerRejection.conflict("tenantId", tenantId, "the tenant was admitted as a company, not a team");
        }
        if (registeredOn != null) {
            throw LedgerRejection.conflict("tenantId", tenantId, "the team already registered its company ("
                    + creditCode + ") on " + registeredOn);
        }
        checkWithinIncubation("registeredOn", command.registeredOn(), clock);
        return endedOn;
    }

    /** Records the team's company; {@link TenantAdmission} claimed it in the company register first. */
    Accepted register(RegisterCompany command) {
        apply(new CompanyRegistered(tenantId, incubatorId, command.companyName(), command.creditCode().value(),
                                    command.registeredOn()));
        return Accepted.of(tenantId, getVersion());
    }

    @CommandHandler
    Accepted handle(GrantIp command, Clock clock) {
        checkWithinIncubation("grantedOn", command.grantedOn(), clock);
        if (ipNumbers.contains(command.number())) {
            throw LedgerRejection.conflict("number", command.number(), "this IP is already recorded for the tenant");
        }
        apply(new IpGranted(tenantId, incubatorId, command.kind(), command.number(), command.title(),
                            command.grantedOn()));
        return Accepted.of(tenantId, getVersion());
    }

    @CommandHandler
    Accepted handle(ReceiveInvestment command, Clock clock) {
        checkWithinIncubation("receivedOn", command.receivedOn(), clock);
        if (investments.containsKey(command.investmentId())) {
            throw LedgerRejection.conflict("investmentId", command.investmentId(),
                                           "the tenant already has an investment with this id");
        }
        Money money = command.money();
        apply(new InvestmentReceived(tenantId, incubatorId, command.investmentId(), command.round(),
                                     command.investor(), money.amount(), money.currency(), money.cnyRate(),
                                     command.receivedOn()));
        return new Accepted(tenantId, getVersion(), command.investmentId());
    }

    @CommandHandler
    Accepted handle(ReportHeadcount command, Clock clock) {
        checkWithinIncubation("reportedOn", command.reportedOn(), clock);
        apply(new HeadcountReported(tenantId, incubatorId, command.employees(), command.reportedOn()));
        return Accepted.of(tenantId, getVersion());
    }

    @CommandHandler
    Accepted handle(LogMilestone command, Clock clock) {
        checkWithinIncubation("reachedOn", command.reachedOn(), clock);
        apply(new MilestoneLogged(tenantId, incubatorId, command.kind(), command.description(),
                                  command.reachedOn()));
        return Accepted.of(tenantId, getVersion());
    }

    @CommandHandler
    Accepted handle(GraduateTenant command, Clock clock) {
        checkNotEnded();
        checkWithinIncubation("graduatedOn", command.graduatedOn(), clock);
        checkEndAfterFacts("graduatedOn", command.graduatedOn());
        apply(new TenantGraduated(tenantId, incubatorId, creditCode, command.graduatedOn(), command.criterion()));
        return Accepted.of(tenantId, getVersion());
    }

    @CommandHandler
    Accepted handle(WithdrawTenant command, Clock clock) {
        checkNotEnded();
        checkWithinIncubation("withdrawnOn", command.withdrawnOn(), clock);
        checkEndAfterFacts("withdrawnOn", command.withdrawnOn());
        apply(new TenantWithdrawn(tenantId, incubatorId, creditCode, command.withdrawnOn(), command.reason()));
        return Accepted.of(tenantId, getVersion());
    }

    @CommandHandler
    Accepted handle(CorrectInvestment command, Clock clock) {
        Investment recorded = investment(command.investmentId());
        if (recorded.retracted()) {
            throw LedgerRejection.conflict("investmentId", command.investmentId(),
                                           "the investment was retracted and cannot be corrected");
        }
        LocalDate receivedOn = command.receivedOn() != null ? command.receivedOn() : recorded.receivedOn();
        if (command.receivedOn() != null) {
            checkWithinIncubation("receivedOn", receivedOn, clock);
        }
        String currency = command.currency() != null ? command.currency() : recorded.currency();
        BigDecimal cnyRate = command.cnyRate() != null ? command.cnyRate()
                : currency.equals(recorded.currency()) ? recorded.cnyRate() : null;
        Money money = new Money(command.amount() != null ? command.amount() : recorded.amount(), currency, cnyRate);
        Investment corrected = new Investment(command.round() != null ? command.round() : recorded.round(),
                                              command.investor() != null ? command.investor() : recorded.investor(),
                                              money.amount(), money.currency(), money.cnyRate(), receivedOn, false);
        if (sameValues(corrected, recorded)) {
            throw LedgerRejection.conflict("correction", null, "changes nothing: every value given equals the "
                    + "recorded one");
        }
        apply(new InvestmentCorrected(tenantId, incubatorId, command.investmentId(), corrected.round(),
                                      corrected.investor(), corrected.amount(), corrected.currency(),
                                      corrected.cnyRate(), corrected.receivedOn(), command.reason()));
        return new Accepted(tenantId, getVersion(), command.investmentId());
    }

    @CommandHandler
    Accepted handle(RetractInvestment command) {
        Investment recorded = investment(command.investmentId());
        if (recorded.retracted()) {
            throw LedgerRejection.conflict("investmentId", command.investmentId(), "the investment is already "
                    + "retracted");
        }
        apply(new InvestmentRetracted(tenantId, incubatorId, command.investmentId(), recorded.receivedOn(),
                                      command.reason()));
        return new Accepted(tenantId, getVersion(), command.investmentId());
    }

    /** When the incubation was one of its company's, as another admission of the company sees it. */
    IncubationStatus status() {
        LocalDate companyFrom = teamName == null ? admittedOn : registeredOn;
        return new IncubationStatus(tenantId, incubatorId, companyFrom, endedOn);
    }

    /**
     * The incubation of a company as another admission sees it: from {@code companyFrom} (the admission, or a team's
     * registration; null for a team without a company) to {@code endedOn} (null while in incubation).
     */
    record IncubationStatus(String tenantId, String incubatorId, LocalDate companyFrom, LocalDate endedOn) {
    }

    private Investment investment(String investmentId) {
        Investment recorded = investments.get(investmentId);
        if (recorded == null) {
            throw LedgerRejection.notFound("investmentId", investmentId, "the tenant has no investment with this id");
        }
        return recorded;
    }

    private static boolean sameValues(Investment a, Investment b) {
        return a.round() == b.round() && a.investor().equals(b.investor())
                && a.amount().compareTo(b.amount()) == 0 && a.currency().equals(b.currency())
                && a.cnyRate().compareTo(b.cnyRate()) == 0 && a.receivedOn().equals(b.receivedOn());
    }

    /** An incubation cannot end before its own facts: those standing now, an investment at its corrected date. */
    private void checkEndAfterFacts(String field, LocalDate date) {
        LocalDate latest = latestFixedFactOn;
        String what = "fact";
        for (Investment investment : investments.values()) {
            if (!investment.retracted() && investment.receivedOn().isAfter(latest)) {
                latest = investment.receivedOn();
                what = "investment";
            }
        }
        if (date.isBefore(latest)) {
            throw LedgerRejection.conflict(field, date, "must not be before the tenant's latest recorded " + what + " ("
                    + latest + ")");
        }
    }

    private void checkNotEnded() {
        if (endedOn != null) {
            throw LedgerRejection.conflict("tenantId", tenantId, "the incubation already ended: " + ending + " on "
                    + endedOn);
        }
    }

    private void checkWithinIncubation(String field, LocalDate date, Clock clock) {
        Check.notAfter(field, date, LocalDate.now(clock));
        if (date.isBefore(admittedOn)) {
            throw LedgerRejection.conflict(field, date, "must not be before the tenant was admitted (" + admittedOn
                    + ")");
        }
        if (endedOn != null && date.isAfter(endedOn)) {
            throw LedgerRejection.conflict(field, date, "must not be after the incubation ended (" + ending + " on "
                    + endedOn + ")");
        }
    }

    private void noteFact(LocalDate date) {
        if (latestFixedFactOn == null || date.isAfter(latestFixedFactOn)) {
            latestFixedFactOn = date;
        }
    }

    @EventSourcingHandler
    void on(TenantAdmitted event) {
        noteFact(event.admittedOn());
        tenantId = event.tenantId();
        incubatorId = event.incubatorId();
        creditCode = event.creditCode();
        teamName = event.teamName();
        admittedOn = event.admittedOn();
    }

    @EventSourcingHandler
    void on(CompanyRegistered event) {
        noteFact(event.registeredOn());
        creditCode = event.creditCode();
        registeredOn = event.registeredOn();
    }

    @EventSourcingHandler
    void on(IpGranted event) {
        noteFact(event.grantedOn());
        ipNumbers.add(event.number());
    }

    @EventSourcingHandler
    void on(InvestmentReceived event) {
        investments.put(event.investmentId(), new Investment(event.round(), event.investor(), event.amount(),
                                                             event.currency(), event.cnyRate(), event.receivedOn(),
                                                             false));
    }

    @EventSourcingHandler
    void on(InvestmentCorrected event) {
        investments.put(event.investmentId(), new Investment(event.round(), event.investor(), event.amount(),
                                                             event.currency(), event.cnyRate(), event.receivedOn(),
                                                             false));
    }

    @EventSourcingHandler
    void on(InvestmentRetracted event) {
        investments.computeIfPresent(event.investmentId(), (id, i) -> new Investment(
                i.round(), i.investor(), i.amount(), i.currency(), i.cnyRate(), i.receivedOn(), true));
    }

    @EventSourcingHandler
    void on(HeadcountReported event) {
        noteFact(event.reportedOn());
    }

    @EventSourcingHandler
    void on(MilestoneLogged event) {
        noteFact(event.reachedOn());
    }

    @EventSourcingHandler
    void on(TenantGraduated event) {
        endedOn = event.graduatedOn();
        ending = "graduated";
    }

    @EventSourcingHandler
    void on(TenantWithdrawn event) {
        endedOn = event.withdrawnOn();
        ending = "withdrawn";
    }
}
