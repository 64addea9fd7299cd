package cn.incubation.ledger.regionaltotals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The facts recorded in a span of record time that changed a region's figures: what explains the difference between
 * its totals as known at two instants ("what changed since").
 */
public interface RecordedFacts {

    /** Facts listed at most. */
    int MAX_FACTS = 500;

    /**
     * The region's facts recorded after {@code after} up to {@code until}, newest record first, at most {@code limit}.
     * {@code complete} is false when more of the event stream held such facts than one answer reads.
     */
    Found between(String regionCode, Instant after, Instant until, int limit);

    /** What was found: the facts shown, how many were found in all, and whether the search covered the span. */
    record Found(String regionCode, Instant after, Instant until, List<Fact> facts, int found, boolean complete) {
    }

    /**
     * One recorded fact: its place in the event stream, when it was recorded and when it happened, its carrier and
     * tenant (none for a carrier's own facts), who recorded it, and the event itself (an {@code IncubatorEvent} or a
     * {@code TenantEvent}).
     */
    record Fact(long globalIndex, Instant recordedAt, LocalDate occurredOn, String incubatorId, String tenantId,
                String actor, Record event) {
    }
}
