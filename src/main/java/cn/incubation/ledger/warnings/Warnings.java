package cn.incubation.ledger.warnings;

import java.time.Instant;
import java.time.LocalDate;

/** The warnings to explain, per carrier and per region, on a business date as known at an instant. */
public interface Warnings {

    /** A carrier's; one not registered by {@code knownAt} is a {@code NOT_FOUND} rejection. */
    WarningList ofCarrier(String incubatorId, LocalDate asOf, Instant knownAt, int page, int size);

    /** Those of every carrier in the region (a division and the divisions below it, or an economic region's). */
    WarningList ofRegion(String regionCode, LocalDate asOf, Instant knownAt, int page, int size);
}
