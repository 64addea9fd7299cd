package cn.incubation.ledger.incubatorstate;

import java.time.Instant;
import java.time.LocalDate;

/** The state of a carrier on a business date, as the ledger knew it at an instant. */
public interface IncubatorStates {

    /** The state; a carrier whose registration was not recorded by {@code knownAt} is a {@code NOT_FOUND} rejection. */
    IncubatorState get(String incubatorId, LocalDate asOf, Instant knownAt);
}
