package cn.incubation.ledger.directory;

import java.time.LocalDate;

/**
 * One incubation as the lists show it: the company (or the team, and its company once registered), its credit code,
 * its carrier, when it began and ended, and its status on the list's date ({@code endedOn} only once ended by then).
 */
public record TenantRow(String tenantId, String incubatorId, String companyName, String teamName, String creditCode,
                        LocalDate admittedOn, LocalDate registeredOn, LocalDate endedOn, IncubationStatus status) {

    /** The name it is listed under: its company's, else its team's. */
    public String name() {
        return companyName != null ? companyName : teamName;
    }
}
