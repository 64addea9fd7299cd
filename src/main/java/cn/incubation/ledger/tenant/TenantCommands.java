package cn.incubation.ledger.tenant;

import cn.incubation.ledger.shared.Check;
import cn.incubation.ledger.shared.CreditCode;
import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.shared.Money;
import com.fasterxml.jackson.annotation.JsonIgnore;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The commands an operator gives about one incubation of one company. Each validates its own fields; the rules that
 * depend on the incubation's state are the aggregate's. {@code expectedVersion}, when set, makes the command
 * conditional on the tenant's current version.
 */
public final class TenantCommands {

    private TenantCommands() {
    }

    /** Every command about one incubation names the tenant it concerns. */
    public interface TenantCommand {
        String tenantId();
    }

    /**
     * Admit a company, or a team that has no company yet ({@code teamName} instead of {@code companyName} and
     * {@code creditCode}), to a carrier: the start of one incubation. An incubation that ended before another of the
     * same company was recorded is back-filled whole, with its {@code end}, so that the two never overlap.
     */
    public record AdmitTenant(String tenantId, String incubatorId, String companyName, CreditCode creditCode,
                              String teamName, String sector, LocalDate foundedOn, LocalDate admittedOn,
                              IncubationEnd end) implements TenantCommand {
        public AdmitTenant {
            Check.id("tenantId", tenantId);
            Check.id("incubatorId", incubatorId);
            if (teamName != null) {
                teamName = Check.text("teamName", teamName, 200);
                if (companyName != null || creditCode != null) {
                    throw LedgerRejection.invalid("teamName", teamName, "a tenant is a company (companyName and "
                            + "creditCode) or a team without one (teamName), not both; a team that registers a company "
                            + "says so later (POST /api/tenants/{id}/registration)");
                }
                if (foundedOn != null) {
                    Check.date("foundedOn", foundedOn);
                }
            } else {
                companyName = Check.text("companyName", companyName, 200);
                Check.required("creditCode", creditCode);
                Check.date("foundedOn", foundedOn);
            }
            sector = Check.text("sector", sector, 100);
            Check.date("admittedOn", admittedOn);
            if (foundedOn != null && admittedOn.isBefore(foundedOn)) {
                throw LedgerRejection.invalid("admittedOn", admittedOn,
                                              "must not be before the company was founded (" + foundedOn + ")");
            }
            if (end != null && end.on().isBefore(admittedOn)) {
                throw LedgerRejection.invalid(end.field(), end.on(), "must not be before the tenant was admitted ("
                        + admittedOn + ")");
            }
        }

        /** A company's admission, as it stands today. */
        public AdmitTenant(String tenantId, String incubatorId, String companyName, CreditCode creditCode, String sector,
                           LocalDate foundedOn, LocalDate admittedOn) {
            this(tenantId, incubatorId, companyName, creditCode, null, sector, foundedOn, admittedOn, null);
        }

        /** A team's admission: a team has no company, no credit code, and perhaps no founding date. */
        public static AdmitTenant team(String tenantId, String incubatorId, String teamName, String sector,
                                       LocalDate admittedOn) {
            return new AdmitTenant(tenantId, incubatorId, null, null, teamName, sector, null, admittedOn, null);
        }

        /** Whether the tenant is a team without a company; not a field of its own when serialized. */
        @JsonIgnore
        public boolean isTeam() {
            return teamName != null;
        }
    }

    /** How an incubation ended: graduated with a criterion met, or withdrawn for a reason. */
    public record IncubationEnd(boolean graduated, LocalDate on, String note) {
        public IncubationEnd {
            Check.date(field(graduated), on);
            note = Check.text(graduated ? "criterion" : "reason", note, graduated ? 300 : 500);
        }

        /** The field that names the end's date in a request: {@code graduatedOn} or {@code withdrawnOn}. */
        public String field() {
            return field(graduated);
        }

        private static String field(boolean graduated) {
            return graduated ? "graduatedOn" : "withdrawnOn";
        }
    }

    /**
     * Record that a team admitted without a company registered one: from {@code registeredOn} the tenant is that
     * company, its history kept.
     */
    public record RegisterCompany(@TargetAggregateIdentifier String tenantId, String companyName, CreditCode creditCode,
                                  LocalDate registeredOn, @TargetAggregateVersion Long expectedVersion)
            implements TenantCommand {
        public RegisterCompany {
            companyName = Check.text("companyName", companyName, 200);
            Check.required("creditCode", creditCode);
            Check.date("registeredOn", registeredOn);
        }
    }

    /** Record intellectual property granted to a tenant. */
    public record GrantIp(@TargetAggregateIdentifier String tenantId, IpKind kind, String number, String title,
                          LocalDate grantedOn, @TargetAggregateVersion Long expectedVersion) implements TenantCommand {
        public GrantIp {
            Check.required("kind", kind);
            number = Check.text("number", number, 64);
            title = Check.text("title", title, 300);
            Check.date("grantedOn", grantedOn);
        }
    }

    /** Record an investment a tenant received. */
    public record ReceiveInvestment(@TargetAggregateIdentifier String tenantId, String investmentId, Round round,
                                    String investor, Money money, LocalDate receivedOn,
                                    @TargetAggregateVersion Long expectedVersion) implements TenantCommand {
        public ReceiveInvestment {
            Check.id("investmentId", investmentId);
            Check.required("round", round);
            investor = Check.text("investor", investor, 200);
            Check.required("amount", money);
            Check.date("receivedOn", receivedOn);
        }
    }

    /** Report a tenant's headcount. */
    public record ReportHeadcount(@TargetAggregateIdentifier String tenantId, Integer employees, LocalDate reportedOn,
                                  @TargetAggregateVersion Long expectedVersion) implements TenantCommand {
        public ReportHeadcount {
            Check.count("employees", employees, Check.MOST_EMPLOYEES);
            Check.date("reportedOn", reportedOn);
        }
    }

    /** Record a milestone a tenant reached. */
    public record LogMilestone(@TargetAggregateIdentifier String tenantId, MilestoneKind kind, String description,
                               LocalDate reachedOn, @TargetAggregateVersion Long expectedVersion) implements TenantCommand {
        public LogMilestone {
            Check.required("kind", kind);
            description = Check.text("description", description, 500);
            Check.date("reachedOn", reachedOn);
        }
    }

    /** Record that a tenant graduated (毕业): the end of its incubation. */
    public record GraduateTenant(@TargetAggregateIdentifier String tenantId, LocalDate graduatedOn, String criterion,
                                 @TargetAggregateVersion Long expectedVersion) implements TenantCommand {
        public GraduateTenant {
            Check.date("graduatedOn", graduatedOn);
            criterion = Check.text("criterion", criterion, 300);
        }
    }

    /** Record that a tenant withdrew or was asked to leave (退出): the end of its incubation. */
    public record WithdrawTenant(@TargetAggregateIdentifier String tenantId, LocalDate withdrawnOn, String reason,
                                 @TargetAggregateVersion Long expectedVersion) implements TenantCommand {
        public WithdrawTenant {
            Check.date("withdrawnOn", withdrawnOn);
            reason = Check.text("reason", reason, 500);
        }
    }

    /**
     * Correct a recorded investment. Fields left null keep their recorded value; the reason is required and at least
     * one field must change.
     */
    public record CorrectInvestment(@TargetAggregateIdentifier String tenantId, String investmentId, Round round,
                                    String investor, BigDecimal amount, String currency, BigDecimal cnyRate,
                                    LocalDate receivedOn, String reason, @TargetAggregateVersion Long expectedVersion) implements TenantCommand {
        public CorrectInvestment {
            Check.id("investmentId", investmentId);
            reason = Check.text("reason", reason, 500);
            if (investor != null) {
                investor = Check.text("investor", investor, 200);
            }
            if (currency != null) {
                currency = Money.currency(currency);
            }
            if (receivedOn != null) {
                Check.date("receivedOn", receivedOn);
            }
            if (round == null && investor == null && amount == null && currency == null && cnyRate == null
                    && receivedOn == null) {
                throw LedgerRejection.invalid("correction", null, "must change at least one of amount, currency, "
                        + "cnyRate, investor, round, receivedOn");
            }
        }
    }

    /** Retract a recorded investment that should never have been recorded. */
    public record RetractInvestment(@TargetAggregateIdentifier String tenantId, String investmentId, String reason,
                                    @TargetAggregateVersion Long expectedVersion) implements TenantCommand {
        public RetractInvestment {
            Check.id("investmentId", investmentId);
            reason = Check.text("reason", reason, 500);
        }
    }
}
