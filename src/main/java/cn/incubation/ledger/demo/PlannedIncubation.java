package cn.incubation.ledger.demo;

import java.time.LocalDate;

import static cn.incubation.ledger.demo.DemoHistory.LAST_DAY;

/** One incubation of a company at a carrier; {@code endsOn} after {@link DemoHistory#LAST_DAY} means still in incubation. */
final class PlannedIncubation {
    String tenantId;
    PlannedCompany company;
    PlannedCarrier carrier;
    LocalDate admittedOn;
    LocalDate endsOn;
    /** Admitted as a team: it registers its company on {@code registeredOn}, or never (null). */
    boolean team;
    LocalDate registeredOn;
    PlanItem admission;
    PlanItem end;

    boolean ended() {
        return !endsOn.isAfter(LAST_DAY);
    }

    LocalDate lastDay() {
        return ended() ? endsOn : LAST_DAY;
    }
}
