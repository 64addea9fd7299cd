package cn.incubation.ledger.web;

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
import cn.incubation.ledger.tenant.TenantCommands.IncubationEnd;
import cn.incubation.ledger.tenant.TenantCommands.LogMilestone;
import cn.incubation.ledger.tenant.TenantCommands.ReceiveInvestment;
import cn.incubation.ledger.tenant.TenantCommands.RegisterCompany;
import cn.incubation.ledger.tenant.TenantCommands.ReportHeadcount;
import cn.incubation.ledger.tenant.TenantCommands.RetractInvestment;
import cn.incubation.ledger.tenant.TenantCommands.WithdrawTenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The operator's commands about tenants (one incubation of one company each), over HTTP. */
@RestController
@RequestMapping("/api/tenants")
@Tag(name = "Tenant commands", description = "Admit companies and record their incubation")
class TenantCommandController {

    private static final String ID = "tenantId";

    private final CommandDispatcher dispatcher;
    private final CarrierAccess carriers;

    TenantCommandController(CommandDispatcher dispatcher, CarrierAccess carriers) {
        this.dispatcher = dispatcher;
        this.carriers = carriers;
    }

    record AdmitRequest(String tenantId, String incubatorId, String companyName, String creditCode, String teamName,
                        String sector, LocalDate foundedOn, LocalDate admittedOn, LocalDate graduatedOn,
                        String criterion, LocalDate withdrawnOn, String reason) {

        /** How a back-filled incubation ended, when the request says. */
        IncubationEnd end() {
            if (graduatedOn != null && withdrawnOn != null) {
                throw LedgerRejection.invalid("withdrawnOn", withdrawnOn, "an incubation ends once: give graduatedOn "
                        + "or withdrawnOn, not both");
            }
            if (graduatedOn == null && criterion != null) {
                throw LedgerRejection.invalid("criterion", criterion, "goes with graduatedOn");
            }
            if (withdrawnOn == null && reason != null) {
                throw LedgerRejection.invalid("reason", reason, "goes with withdrawnOn");
            }
            return graduatedOn != null ? new IncubationEnd(true, graduatedOn, criterion)
                    : withdrawnOn != null ? new IncubationEnd(false, withdrawnOn, reason) : null;
        }
    }

    @PostMapping
    @Operation(summary = "Admit a company, or a team without one (teamName), to a carrier (tenantId is generated when "
            + "absent); an incubation that ended before another of the company is back-filled with its end "
            + "(graduatedOn and criterion, or withdrawnOn and reason)")
    ResponseEntity<Accepted> admit(@RequestBody AdmitRequest body, HttpServletRequest http) {
        var conditions = dispatcher.conditions(http);
        String id = body.tenantId() != null ? body.tenantId() : conditions.newId("ten");
        var command = new AdmitTenant(id, body.incubatorId(), body.companyName(),
                                      body.creditCode() == null ? null : new CreditCode(body.creditCode()),
                                      body.teamName(), body.sector(), body.foundedOn(), body.admittedOn(),
                                      body.end());
        // Only the body names the carrier, so its scope is checked here, before anything is reserved or stored.
        carriers.requireWriteAccess(command.incubatorId());
        return dispatcher.create(http, conditions, body, command, ID, id, a -> "/api/tenants/" + a.id());
    }

    record RegistrationRequest(String companyName, String creditCode, LocalDate registeredOn) {
    }

    @PostMapping("/{id}/registration")
    @Operation(summary = "Record that a team registered its company: from registeredOn the tenant counts as that "
            + "company, its history kept")
    ResponseEntity<Accepted> registerCompany(@PathVariable String id, @RequestBody RegistrationRequest body,
                                             HttpServletRequest http) {
        var conditions = dispatcher.conditions(http);
        var command = new RegisterCompany(id, body.companyName(),
                                          body.creditCode() == null ? null : new CreditCode(body.creditCode()),
                                          body.registeredOn(), conditions.expectedVersion());
        return dispatcher.send(http, conditions, body, command, ID, id, null);
    }

    record IpGrantRequest(IpKind kind, String number, String title, LocalDate grantedOn) {
    }

    @PostMapping("/{id}/ip-grants")
    @Operation(summary = "Record intellectual property granted to the tenant")
    ResponseEntity<Accepted> grantIp(@PathVariable String id, @RequestBody IpGrantRequest body,
                                     HttpServletRequest http) {
        var conditions = dispatcher.conditions(http);
        var command = new GrantIp(id, body.kind(), body.number(), body.title(), body.grantedOn(),
                                  conditions.expectedVersion());
        return dispatcher.send(http, conditions, body, command, ID, id, null);
    }

    record InvestmentRequest(String investmentId, Round round, String investor, BigDecimal amount, String currency,
                             BigDecimal cnyRate, LocalDate receivedOn) {
    }

    @PostMapping("/{id}/investments")
    @Operation(summary = "Record an investment the tenant received (investmentId is generated when absent)")
    ResponseEntity<Accepted> receiveInvestment(@PathVariable String id, @RequestBody InvestmentRequest body,
                                               HttpServletRequest http) {
        var conditions = dispatcher.conditions(http);
        String investmentId = body.investmentId() != null ? body.investmentId() : conditions.newId("inv");
        var command = new ReceiveInvestment(id, investmentId, body.round(), body.investor(),
                                            new Money(body.amount(), body.currency(), body.cnyRate()),
                                            body.receivedOn(), conditions.expectedVersion());
        return dispatcher.send(http, conditions, body, command, ID, id,
                               a -> "/api/tenants/" + a.id() + "/investments/" + a.investmentId());
    }

    record HeadcountRequest(Integer employees, LocalDate reportedOn) {
    }

    @PostMapping("/{id}/headcount")
    @Operation(summary = "Report the tenant's headcount")
    ResponseEntity<Accepted> reportHeadcount(@PathVariable String id, @RequestBody HeadcountRequest body,
                                             HttpServletRequest http) {
        var conditions = dispatcher.conditions(http);
        var command = new ReportHeadcount(id, body.employees(), body.reportedOn(), conditions.expectedVersion());
        return dispatcher.send(http, conditions, body, command, ID, id, null);
    }

    record MilestoneRequest(MilestoneKind kind, String description, LocalDate reachedOn) {
    }

    @PostMapping("/{id}/milestones")
    @Operation(summary = "Record a milestone the tenant reached")
    ResponseEntity<Accepted> logMilestone(@PathVariable String id, @RequestBody MilestoneRequest body,
                                          HttpServletRequest http) {
        var conditions = dispatcher.conditions(http);
        var command = new LogMilestone(id, body.kind(), body.description(), body.reachedOn(),
                                       conditions.expectedVersion());
        return dispatcher.send(http, conditions, body, command, ID, id, null);
    }

    record GraduationRequest(LocalDate graduatedOn, String criterion) {
    }

    @PostMapping("/{id}/graduation")
    @Operation(summary = "Record that the tenant graduated")
    ResponseEntity<Accepted> graduate(@PathVariable String id, @RequestBody GraduationRequest body,
                                      HttpServletRequest http) {
        var conditions = dispatcher.conditions(http);
        var command = new GraduateTenant(id, body.graduatedOn(), body.criterion(), conditions.expectedVersion());
        return dispatcher.send(http, conditions, body, command, ID, id, null);
    }

    record WithdrawalRequest(LocalDate withdrawnOn, String reason) {
    }

    @PostMapping("/{id}/withdrawal")
    @Operation(summary = "Record that the tenant withdrew")
    ResponseEntity<Accepted> withdraw(@PathVariable String id, @RequestBody WithdrawalRequest body,
                                      HttpServletRequest http) {
        var conditions = dispatcher.conditions(http);
        var command = new WithdrawTenant(id, body.withdrawnOn(), body.reason(), conditions.expectedVersion());
        return dispatcher.send(http, conditions, body, command, ID, id, null);
    }

    record CorrectionRequest(BigDecimal amount, String currency, BigDecimal cnyRate, String investor, Round round,
                             LocalDate receivedOn, String reason) {
    }

    @PostMapping("/{id}/investments/{investmentId}/correction")
    @Operation(summary = "Correct a recorded investment; the original stays visible in the trail")
    ResponseEntity<Accepted> correctInvestment(@PathVariable String id, @PathVariable String investmentId,
                                               @RequestBody CorrectionRequest body, HttpServletRequest http) {
        var conditions = dispatcher.conditions(http);
        var command = new CorrectInvestment(id, investmentId, body.round(), body.investor(), body.amount(),
                                            body.currency(), body.cnyRate(), body.receivedOn(), body.reason(),
                                            conditions.expectedVersion());
        return dispatcher.send(http, conditions, body, command, ID, id, null);
    }

    record RetractionRequest(String reason) {
    }

    @PostMapping("/{id}/investments/{investmentId}/retraction")
    @Operation(summary = "Retract a recorded investment that should never have been recorded")
    ResponseEntity<Accepted> retractInvestment(@PathVariable String id, @PathVariable String investmentId,
                                               @RequestBody RetractionRequest body, HttpServletRequest http) {
        var conditions = dispatcher.conditions(http);
        var command = new RetractInvestment(id, investmentId, body.reason(), conditions.expectedVersion());
        return dispatcher.send(http, conditions, body, command, ID, id, null);
    }
}
