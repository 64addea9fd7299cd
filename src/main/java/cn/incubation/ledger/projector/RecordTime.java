package cn.incubation.ledger.projector;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;

import java.time.Instant;

/**
 * When the ledger learned a fact: the event's timestamp, unless the command carried an earlier {@code recordedAt}
 * (history loaded from another system or the demo, whose facts were learned long before they reached this ledger).
 */
public final class RecordTime {

    /** Metadata key of a record time that precedes the event's own timestamp. */
    public static final String RECORDED_AT = "recordedAt";

    private RecordTime() {
    }

    /** The event's position in the global order: its tracking token's index, or -1 for an untracked message. */
    public static long globalIndex(EventMessage<?> event) {
        if (event instanceof TrackedEventMessage<?> tracked) {
            return Projector.indexOf(tracked.trackingToken());
        }
        return -1;
    }

    /**
     * The last event asked about on this thread and its answer: every projection asks about the same event in turn,
     * and parsing the declared time was a third of the incubator history's handling in a rebuild.
     */
    private static final ThreadLocal<Object[]> LAST = ThreadLocal.withInitial(() -> new Object[2]);

    public static Instant of(EventMessage<?> event) {
        Object[] last = LAST.get();
        if (last[0] == event) {
            return (Instant) last[1];
        }
        Instant recordTime = recordTime(event);
        last[0] = event;
        last[1] = recordTime;
        return recordTime;
    }

    private static Instant recordTime(EventMessage<?> event) {
        Object declared = event.getMetaData().get(RECORDED_AT);
        if (declared != null) {
            Instant recordedAt = Instant.parse(declared.toString());
            if (recordedAt.isBefore(event.getTimestamp())) {
                return recordedAt;
            }
        }
        return event.getTimestamp();
    }
}
