package cn.incubation.ledger.demo;

import java.time.Instant;
import java.util.Objects;

/**
 * One command of a demo history and the simulated moment the ledger learned the fact it records ({@code recordedAt},
 * which the events keep as their record time).
 */
public record PlannedCommand(Object command, Instant recordedAt) {

    public PlannedCommand {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
