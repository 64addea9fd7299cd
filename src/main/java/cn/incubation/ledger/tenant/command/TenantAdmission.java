package cn.incubation.ledger.tenant.command;

import cn.incubation.ledger.incubator.IncubatorAdmissions;
import cn.incubation.ledger.shared.Accepted;
import cn.incubation.ledger.shared.Check;
import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.tenant.TenantCommands.AdmitTenant;
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
import java.util.Optional;

/**
 * Admits a company to a carrier. The rules span three parties: the carrier (open, opened by the admission date), the
 * company (in incubation at one carrier at a time, checked against the {@link CompanyRegister}) and the new
 * tenant (its id unused).
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
        Check.notAfter("foundedOn", command.foundedOn(), LocalDate.now(clock));
        Check.notAfter("admittedOn", command.admittedOn(), LocalDate.now(clock));
        if (status(command.tenantId()).isPresent()) {
            throw LedgerRejection.conflict("tenantId", command.tenantId(), "a tenant with this id already exists");
        }
        incubators.checkAdmission(command.incubatorId(), command.admittedOn());
        claimCompany(command, clock.instant());
        CurrentUnitOfWork.ifStarted(unit -> unit.onRollback(
                u -> register.release(command.creditCode().value(), command.tenantId())));
        Aggregate<Tenant> tenant = tenants.newInstance(() -> new Tenant(command));
        return Accepted.of(command.tenantId(), tenant.version());
    }

    private void claimCompany(AdmitTenant command, Instant now) {
        String creditCode = command.creditCode().value();
        if (register.claim(creditCode, command.tenantId(), now)) {
            return;
        }
        CompanyRegister.Claim claim = register.holder(creditCode).orElse(null);
        if (claim == null) {
            if (register.claim(creditCode, command.tenantId(), now)) {
                return;
            }
            throw busy(creditCode);
        }
        Optional<IncubationStatus> holder = status(claim.tenantId());
        if (holder.isEmpty()) {
            if (claim.claimedAt().plus(ADMISSION_IN_PROGRESS).isAfter(now)) {
                throw busy(creditCode);
            }
        } else if (holder.get().endedOn() == null) {
            throw LedgerRejection.conflict("creditCode", creditCode, "the company is in incubation as tenant "
                    + holder.get().tenantId() + " at incubator " + holder.get().incubatorId()
                    + "; it must graduate or withdraw there first");
        } else if (command.admittedOn().isBefore(holder.get().endedOn())) {
            throw LedgerRejection.conflict("admittedOn", command.admittedOn(), "must not be before the company's "
                    + "previous incubation (tenant " + holder.get().tenantId() + ") ended on "
                    + holder.get().endedOn());
        }
        if (!register.takeOver(claim, command.tenantId(), now)) {
            throw busy(creditCode);
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
