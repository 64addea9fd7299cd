package cn.incubation.ledger.demo;

import java.time.LocalDate;
import java.util.function.Function;

/** A command of the plan; its arguments that calibration changes are {@code value} and {@code value2}. */
final class PlanItem {
    final long seq;
    final LocalDate date;
    final PlannedCarrier carrier;
    final Function<PlanItem, Object> build;
    long recordedAt;
    double value;
    double value2;

    PlanItem(long seq, LocalDate date, long recordedAt, PlannedCarrier carrier, Function<PlanItem, Object> build) {
        this.seq = seq;
        this.date = date;
        this.recordedAt = recordedAt;
        this.carrier = carrier;
        this.build = build;
    }

    double valueOf() {
        return value;
    }
}
