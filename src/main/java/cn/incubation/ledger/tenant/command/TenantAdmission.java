package cn.incubation.ledger.tenant.command;

import cn.incubation.ledger.incubator.IncubatorAdmissions;
import cn.incubation.ledger.shared.Accepted;
import cn.incubation.ledger.shared.Check;
import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.tenant.TenantCommands.AdmitTenant;
import cn.incubation.ledger.tenant.TenantCommands.RegisterCompany;
import cn.incubation.ledger.tenant.command.Tenant.IncubationStatus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Admits a company or a team to a carrier, and records a team's company. The rules span three parties: the carrier
 * (open on the admission date, checked by the carrier itself), the company (its incubations never overlap in
 * business time, checked against every incubation the {@link CompanyRegister} names) and the tenant (its id unused).
 */
@Component
class TenantAdmission {

    /**
     * A claim whose tenant has no events yet is an admission in progress for this long; after it, the admission that
     * made it is taken to have died before storing anything, and the claim is free.
     */
    static final Duration ADMISSION_IN_PROGRESS = Duration.ofSeconds(30);

    private final Repository<Tenant> tenants;
    private final IncubatorAdmissions incubators;
    private final CompanyRegister register;
    private final EventStore eventStore;

    TenantAdmission(Repository<Tenant> tenantRepository, IncubatorAdmissions incubators, CompanyRegister register,
                    EventStore eventStore) {
        this.tenants = tenantRepository;
        this.eventStore = eventStore;
        this.incubators = incubators;
        this.register = register;
    }

    @CommandHandler
    Accepted handle(AdmitTenant command, Clock clock) throws Exception {
        if (command.foundedOn() != null) {
            Check.notAfter("foundedOn", command.foundedOn(), LocalDate.now(clock));
        }
        Check.notAfter("admittedOn", command.admittedOn(), LocalDate.now(clock));
        if (status(command.tenantId()).isPresent()) {
            throw LedgerRejection.conflict("tenantId", command.tenantId(), "a tenant with this id already exists");
        }
        incubators.checkAdmission(command.incubatorId(), command.admittedOn());
        if (!command.isTeam()) {
            String endField = command.end() == null ? null : command.end().field();
            claimCompany(command.creditCode().value(), command.tenantId(), "admittedOn", command.admittedOn(),
                         endField, command.end() == null ? null : command.end().on(), clock.instant());
        }
        Aggregate<Tenant> tenant = tenants.newInstance(() -> new Tenant(command, clock));
        return Accepted.of(command.tenantId(), tenant.version());
    }

    @CommandHandler
    Accepted handle(RegisterCompany command, Clock clock) {
        Aggregate<Tenant> tenant = load(command.tenantId(), command.expectedVersion());
        LocalDate endedOn = tenant.invoke(t -> t.checkRegistration(command, clock));
        claimCompany(command.creditCode().value(), command.tenantId(), "registeredOn", command.registeredOn(), null,
                     endedOn, clock.instant());
        return tenant.invoke(t -> t.register(command));
    }

    /**
     * Claims the company for the incubation from {@code start} to {@code end} (null: still running), which must
     * overlap none of the company's others: a company is in incubation at one carrier at a time, on every day.
     */
    private void claimCompany(String creditCode, String tenantId, String startField, LocalDate start, String endField,
                              LocalDate end, Instant now) {
        List<CompanyRegister.Claim> claims = register.claims(creditCode);
        for (CompanyRegister.Claim claim : claims) {
            Optional<IncubationStatus> other = status(claim.tenantId());
            if (other.isEmpty()) {
                if (claim.claimedAt().plus(ADMISSION_IN_PROGRESS).isAfter(now)) {
                    throw busy(creditCode);
                }
                continue;
            }
            checkNoOverlap(other.get(), creditCode, startField, start, endField, end);
        }
        CompanyRegister.Claim latest = claims.isEmpty() ? null : claims.get(claims.size() - 1);
        boolean claimed = latest == null ? register.claim(creditCode, tenantId, now)
                : register.takeOver(latest, tenantId, now);
        if (!claimed) {
            throw busy(creditCode);
        }
        CurrentUnitOfWork.ifStarted(unit -> unit.onRollback(u -> register.release(creditCode, tenantId)));
    }

    private static void checkNoOverlap(IncubationStatus other, String creditCode, String startField, LocalDate start,
                                       String endField, LocalDate end) {
        LocalDate otherStart = other.companyFrom();
        LocalDate otherEnd = other.endedOn();
        if (otherStart == null || (end != null && !otherStart.isBefore(end))
                || (otherEnd != null && !start.isBefore(otherEnd))) {
            return;
        }
        if (otherStart.isAfter(start)) {
            throw LedgerRejection.conflict(end == null ? startField : endField, end == null ? start : end,
                                           "the company's later incubation (tenant " + other.tenantId()
                                                   + " at incubator " + other.incubatorId() + ") began on "
                                                   + otherStart + ": an earlier one must end by then"
                                                   + (end == null ? "; record its end with it (graduatedOn or "
                                                   + "withdrawnOn)" : ""));
        }
        if (otherEnd == null) {
            throw LedgerRejection.conflict("creditCode", creditCode, "the company is in incubation as tenant "
                    + other.tenantId() + " at incubator " + other.incubatorId()
                    + "; it must graduate or withdraw there first");
        }
        throw LedgerRejection.conflict(startField, start, "must not be before the company's previous incubation "
                + "(tenant " + other.tenantId() + ") ended on " + otherEnd);
    }

    private Aggregate<Tenant> load(String tenantId, Long expectedVersion) {
        try {
            return tenants.load(tenantId, expectedVersion);
        } catch (AggregateNotFoundException e) {
            throw LedgerRejection.notFound("tenantId", tenantId, "no tenant has this id");
        } catch (IncompatibleAggregateException e) {
            throw LedgerRejection.notFound("tenantId", tenantId, "is a carrier's id, not a tenant's");
        }
    }

    /** The status of an incubation; empty when the tenant has no events (asked first, as a key lookup, so that a
     * fresh id does not cost a failed load). */
    private Optional<IncubationStatus> status(String tenantId) {
        if (!eventStore.readEvents(tenantId).hasNext()) {
            return Optional.empty();
        }
        try {
            return Optional.of(tenants.load(tenantId).invoke(Tenant::status));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        } catch (IncompatibleAggregateException e) {
            throw LedgerRejection.conflict("tenantId", tenantId, "is already taken: it is a carrier's id; carriers and "
                    + "tenants share one set of ids");
        }
    }

    private static LedgerRejection busy(String creditCode) {
        return LedgerRejection.conflict("creditCode", creditCode,
                                        "another admission of this company is in progress; retry in a moment");
    }
}
