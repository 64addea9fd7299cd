package cn.incubation.ledger.tenantstate;

import cn.incubation.ledger.tenant.IpKind;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * One incubation as it stood on {@code asOf}, as known at {@code knownAt}: who the company is (or the team, with
 * {@code teamName}; a team that registered a company by then has both, and {@code registeredOn}), when the admitted
 * company was founded ({@code foundedOn}, as the admission said; null for a team), where it stood in its
 * incubation (with the end date once it ended), the IP granted to it by then, its latest headcount, how many
 * milestones it had reached and what investment it had received (retractions and corrections recorded by
 * {@code knownAt} applied).
 */
public record TenantState(String tenantId, String incubatorId, String companyName, String creditCode, String teamName,
                          LocalDate registeredOn, LocalDate foundedOn, String sector, LocalDate admittedOn,
                          TenantStatus status, LocalDate graduatedOn, LocalDate withdrawnOn,
                          IpHeld ipHeld, Headcount headcount, int milestones, Investment investment, LocalDate asOf,
                          Instant knownAt) {

    /** The intellectual property granted to the tenant by the date, in all and by kind. */
    public record IpHeld(int total, Map<IpKind, Integer> byKind) {
    }

    /** The latest headcount reported on or before the date. */
    public record Headcount(int employees, LocalDate reportedOn) {
    }

    /** The investments received by the date that were not retracted, and their sum in renminbi. */
    public record Investment(int count, String amountCny) {
    }
}
