package cn.incubation.ledger.projector;

import cn.incubation.ledger.shared.CommandMetadata;
import cn.incubation.ledger.shared.Digits;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * When the ledger learned a fact: the event's timestamp, unless the command carried an earlier {@code recordedAt}
 * (history loaded from another system or the demo, whose facts were learned long before they reached this ledger).
 */
public final class RecordTime {

    private RecordTime() {
    }

    /** The event's position in the global order: its tracking token's index, or -1 for an untracked message. */
    public static long globalIndex(EventMessage<?> event) {
        if (event instanceof TrackedEventMessage<?> tracked) {
            return BatchJournal.indexOf(tracked.trackingToken());
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
        Object declared = event.getMetaData().get(CommandMetadata.RECORDED_AT);
        if (declared != null) {
            Instant recordedAt = parse(declared.toString());
            if (recordedAt.isBefore(event.getTimestamp())) {
                return recordedAt;
            }
        }
        return event.getTimestamp();
    }

    /**
     * {@link Instant#parse}, with a fast path for what {@link Instant#toString} writes
     * ({@code 2024-06-30T12:00:00Z}, with 0 to 9 digits of fraction), because every projection parses it for every
     * event in a rebuild. Anything else goes to {@code Instant.parse}, which also reports text that is not an instant.
     */
    public static Instant parse(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':' || (length > 20 && (text.charAt(19) != '.' || length == 21))) {
            return Instant.parse(text);
        }
        int year = Digits.value(text, 0, 4);
        int month = Digits.value(text, 5, 7);
        int day = Digits.value(text, 8, 10);
        int hour = Digits.value(text, 11, 13);
        int minute = Digits.value(text, 14, 16);
        int second = Digits.value(text, 17, 19);
        int nanos = 0;
        if (length > 20) {
            nanos = Digits.value(text, 20, length - 1);
            for (int i = length - 1 - 20; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59 || nanos < 0) {
            return Instant.parse(text);
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException noSuchDay) {
            return Instant.parse(text);
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }
}
