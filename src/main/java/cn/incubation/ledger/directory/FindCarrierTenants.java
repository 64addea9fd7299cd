package cn.incubation.ledger.directory;

import java.time.LocalDate;
import java.util.List;

/**
 * A carrier's tenants on {@code asOf} (those admitted by then), with their status on that date, filtered by status
 * (null: any); one page in the order asked.
 */
public record FindCarrierTenants(String incubatorId, IncubationStatus status, Sort sort, LocalDate asOf, int page,
                                 int size) {

    public static final List<String> SORTS = List.of("name", "admittedOn", "endedOn");
}
