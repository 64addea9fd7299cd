package cn.incubation.ledger.incubatorstate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A carrier as it stood on {@code asOf}, as known at {@code knownAt}: what it is, its level, floor area and staff,
 * whether it was open, its annual ratings so far, and what its tenants amounted to (in incubation, graduated, IP
 * held, jobs, investment).
 */
public record IncubatorState(String incubatorId, String name, String kind, String regionCode, String operator,
                             LocalDate openedOn, Status status, LocalDate closedOn, String level,
                             BigDecimal floorAreaM2, int staff, List<AnnualRating> ratings,
                             int tenantsInIncubation, int graduated,
                             IpHeld ipHeld, long jobs, Investment investment, LocalDate asOf, Instant knownAt) {

    /** Whether the carrier was open on the date. */
    public enum Status { NOT_YET_OPEN, OPEN, CLOSED }

    /** The annual evaluation (绩效评价) of one year, which counts from the year's last day. */
    public record AnnualRating(int year, String rating) {
    }

    /** IP granted to the carrier's tenants by the date, in all and by kind. */
    public record IpHeld(int total, Map<String, Integer> byKind) {
    }

    /** Investments the carrier's tenants received by the date (retractions applied) and their sum in renminbi. */
    public record Investment(int count, BigDecimal amountCny) {
    }
}
