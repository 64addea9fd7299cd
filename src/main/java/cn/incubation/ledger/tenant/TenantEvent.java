package cn.incubation.ledger.tenant;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What happened during one incubation of one company. Every event names the tenant and its carrier and carries the
 * business date on which it happened ({@link #occurredOn()}); when the ledger learned it is the event's timestamp.
 */
public sealed interface TenantEvent {

    String tenantId();

    String incubatorId();

    /** The business date of the fact (valid time). */
    LocalDate occurredOn();

    /**
     * A company was admitted to a carrier, or a team without a company ({@code teamName} set, {@code companyName},
     * {@code creditCode} and perhaps {@code foundedOn} null).
     */
    record TenantAdmitted(String tenantId, String incubatorId, String companyName, String creditCode, String sector,
                          LocalDate foundedOn, LocalDate admittedOn, String teamName) implements TenantEvent {
        /** A company's admission. */
        public TenantAdmitted(String tenantId, String incubatorId, String companyName, String creditCode, String sector,
                              LocalDate foundedOn, LocalDate admittedOn) {
            this(tenantId, incubatorId, companyName, creditCode, sector, foundedOn, admittedOn, null);
        }

        @Override
        public LocalDate occurredOn() {
            return admittedOn;
        }

        /** Whether the tenant is a team without a company; not a field of its own when serialized. */
        @JsonIgnore
        public boolean isTeam() {
            return teamName != null;
        }
    }

    /** A team in incubation registered a company: from {@code registeredOn} the tenant is that company. */
    record CompanyRegistered(String tenantId, String incubatorId, String companyName, String creditCode,
                             LocalDate registeredOn) implements TenantEvent {
        @Override
        public LocalDate occurredOn() {
            return registeredOn;
        }
    }

    /** Intellectual property was granted to the tenant. */
    record IpGranted(String tenantId, String incubatorId, IpKind kind, String number, String title,
                     LocalDate grantedOn) implements TenantEvent {
        @Override
        public LocalDate occurredOn() {
            return grantedOn;
        }
    }

    /** The tenant received an investment; {@code cnyRate} converts the amount to renminbi (1 for CNY). */
    record InvestmentReceived(String tenantId, String incubatorId, String investmentId, Round round, String investor,
                              BigDecimal amount, String currency, BigDecimal cnyRate, LocalDate receivedOn)
            implements TenantEvent {
        @Override
        public LocalDate occurredOn() {
            return receivedOn;
        }
    }

    /** The tenant reported its headcount. */
    record HeadcountReported(String tenantId, String incubatorId, int employees, LocalDate reportedOn)
            implements TenantEvent {
        @Override
        public LocalDate occurredOn() {
            return reportedOn;
        }
    }

    /** The tenant reached a milestone. */
    record MilestoneLogged(String tenantId, String incubatorId, MilestoneKind kind, String description,
                           LocalDate reachedOn) implements TenantEvent {
        @Override
        public LocalDate occurredOn() {
            return reachedOn;
        }
    }

    /** The tenant graduated: its incubation ended successfully. */
    record TenantGraduated(String tenantId, String incubatorId, String creditCode, LocalDate graduatedOn,
                           String criterion) implements TenantEvent {
        @Override
        public LocalDate occurredOn() {
            return graduatedOn;
        }
    }

    /** The tenant withdrew: its incubation ended without graduation. */
    record TenantWithdrawn(String tenantId, String incubatorId, String creditCode, LocalDate withdrawnOn,
                           String reason) implements TenantEvent {
        @Override
        public LocalDate occurredOn() {
            return withdrawnOn;
        }
    }

    /**
     * A recorded investment was corrected. The event carries the investment's values after the correction, so a
     * reader needs nothing but this event to know them; {@code reason} says why.
     */
    record InvestmentCorrected(String tenantId, String incubatorId, String investmentId, Round round, String investor,
                               BigDecimal amount, String currency, BigDecimal cnyRate, LocalDate receivedOn,
                               String reason) implements TenantEvent {
        @Override
        public LocalDate occurredOn() {
            return receivedOn;
        }
    }

    /** A recorded investment was retracted: it should never have been recorded. */
    record InvestmentRetracted(String tenantId, String incubatorId, String investmentId, LocalDate receivedOn,
                               String reason) implements TenantEvent {
        @Override
        public LocalDate occurredOn() {
            return receivedOn;
        }
    }
}
