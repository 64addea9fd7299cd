package cn.incubation.ledger.web;

import cn.incubation.ledger.security.CarrierAccess;
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
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

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

    record AdmitRequest(String tenantId,
                        @Schema(requiredMode = REQUIRED) String incubatorId,
                        String companyName,
                        String creditCode,
                        String teamName,
                        @Schema(requiredMode = REQUIRED) String sector,
                        LocalDate foundedOn,
                        @Schema(requiredMode = REQUIRED) LocalDate admittedOn,
                        LocalDate graduatedOn,
                        String criterion,
                        LocalDate withdrawnOn,
                        String reason) {

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
    @ApiResponse(responseCode = "201", description = "Admitted; Location is where the tenant is read",
                 useReturnTypeSchema = true)
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

    record RegistrationRequest(@Schema(requiredMode = REQUIRED) String companyName,
                               @Schema(requiredMode = REQUIRED) String creditCode,
                               @Schema(requiredMode = REQUIRED) LocalDate registeredOn) {
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

    record IpGrantRequest(@Schema(requiredMode = REQUIRED) IpKind kind,
                          @Schema(requiredMode = REQUIRED) String number,
                          @Schema(requiredMode = REQUIRED) String title,
                          @Schema(requiredMode = REQUIRED) LocalDate grantedOn) {
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

    record InvestmentRequest(String investmentId,
                             @Schema(requiredMode = REQUIRED) Round round,
                             @Schema(requiredMode = REQUIRED) String investor,
                             @Schema(type = "string", format = "decimal", example = "1000000.00",
                                     requiredMode = REQUIRED) BigDecimal amount,
                             @Schema(requiredMode = REQUIRED) String currency,
                             @Schema(type = "string", format = "decimal", example = "7.12") BigDecimal cnyRate,
                             @Schema(requiredMode = REQUIRED) LocalDate receivedOn) {
    }

    @PostMapping("/{id}/investments")
    @ApiResponse(responseCode = "201", description = "Recorded; Location is where the investment is read",
                 useReturnTypeSchema = true)
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

    record HeadcountRequest(@Schema(requiredMode = REQUIRED) Integer employees,
                            @Schema(requiredMode = REQUIRED) LocalDate reportedOn) {
    }

    @PostMapping("/{id}/headcount")
    @Operation(summary = "Report the tenant's headcount")
    ResponseEntity<Accepted> reportHeadcount(@PathVariable String id, @RequestBody HeadcountRequest body,
                                             HttpServletRequest http) {
        var conditions = dispatcher.conditions(http);
        var command = new ReportHeadcount(id, body.employees(), body.reportedOn(), conditions.expectedVersion());
        return dispatcher.send(http, conditions, body, command, ID, id, null);
    }

    record MilestoneRequest(@Schema(requiredMode = REQUIRED) MilestoneKind kind,
                            @Schema(requiredMode = REQUIRED) String description,
                            @Schema(requiredMode = REQUIRED) LocalDate reachedOn) {
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

    record GraduationRequest(@Schema(requiredMode = REQUIRED) LocalDate graduatedOn,
                             @Schema(requiredMode = REQUIRED) String criterion) {
    }

    @PostMapping("/{id}/graduation")
    @Operation(summary = "Record that the tenant graduated")
    ResponseEntity<Accepted> graduate(@PathVariable String id, @RequestBody GraduationRequest body,
                                      HttpServletRequest http) {
        var conditions = dispatcher.conditions(http);
        var command = new GraduateTenant(id, body.graduatedOn(), body.criterion(), conditions.expectedVersion());
        return dispatcher.send(http, conditions, body, command, ID, id, null);
    }

    record WithdrawalRequest(@Schema(requiredMode = REQUIRED) LocalDate withdrawnOn,
                             @Schema(requiredMode = REQUIRED) String reason) {
    }

    @PostMapping("/{id}/withdrawal")
    @Operation(summary = "Record that the tenant withdrew")
    ResponseEntity<Accepted> withdraw(@PathVariable String id, @RequestBody WithdrawalRequest body,
                                      HttpServletRequest http) {
        var conditions = dispatcher.conditions(http);
        var command = new WithdrawTenant(id, body.withdrawnOn(), body.reason(), conditions.expectedVersion());
        return dispatcher.send(http, conditions, body, command, ID, id, null);
    }

    record CorrectionRequest(@Schema(type = "string", format = "decimal", example = "1000000.00") BigDecimal amount,
                             String currency,
                             @Schema(type = "string", format = "decimal", example = "7.12") BigDecimal cnyRate,
                             String investor,
                             Round round,
                             LocalDate receivedOn,
                             @Schema(requiredMode = REQUIRED) String reason) {
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

    record RetractionRequest(@Schema(requiredMode = REQUIRED) String reason) {
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
