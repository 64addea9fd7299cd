package cn.incubation.ledger.shared;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The two times of a query: {@code asOf}, a business date (what was true that day; default today in China), and
 * {@code knownAt}, an instant (only facts recorded by then; default now). {@code knownAt} takes an ISO instant
 * ({@code 2023-07-15T10:00:00Z}), an offset date-time, or a date meaning the end of that day in China. Both lie in
 * the window the ledger knows of: from {@link Check#EARLIEST_DATE} to the end of the year {@link Check#YEARS_AHEAD}
 * years from now, so that no query works through, or overflows on, a date no fact can have. The API, the pages and
 * the command line all read the two times here; Spring binds the API's dates, this class checks their window.
 */
@Component
public class TimeParameters {

    /** What {@code knownAt} accepts, as a refusal says it. */
    public static final String KNOWN_AT_RULE = "must be an instant such as 2023-07-15T10:00:00Z, an offset date-time "
            + "such as 2023-07-15T18:00:00+08:00, or a date (the end of that day in China)";

    private final Clock clock;

    TimeParameters(Clock clock) {
        this.clock = clock;
    }

    /** The business date, today in China when absent. */
    public LocalDate asOf(LocalDate value) {
        return date("asOf", value, LocalDate.now(clock));
    }

    /** A business date already parsed (by Spring, from the API), checked against the window. */
    public LocalDate date(String field, LocalDate value, LocalDate defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        if (!inWindow(value)) {
            throw LedgerRejection.invalid(field, value, "must be from " + Check.EARLIEST_DATE + " to " + latest());
        }
        return value;
    }

    /** A business date as typed on the command line. */
    public LocalDate date(String field, String value, LocalDate defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return date(field, LocalDate.parse(value.strip()), defaultValue);
        } catch (DateTimeException e) {
            throw LedgerRejection.invalid(field, value, "must be a date YYYY-MM-DD");
        }
    }

    /** {@code knownAt} from its text, now when absent; the one reading of it for the API and the command line. */
    public Instant knownAt(String value) {
        if (value == null || value.isBlank()) {
            return clock.instant();
        }
        Instant instant = instant(value.strip());
        if (instant == null) {
            throw LedgerRejection.invalid("knownAt", value, KNOWN_AT_RULE);
        }
        if (!inWindow(instant)) {
            throw LedgerRejection.invalid("knownAt", value, "must be from " + Check.EARLIEST_DATE + " to "
                    + latest() + " (China time)");
        }
        return instant;
    }

    /** A {@code knownAt} already read by {@link #knownAt(String)}, or now when absent. */
    public Instant orNow(Instant knownAt) {
        return knownAt == null ? clock.instant() : knownAt;
    }

    /**
     * An instant ({@code Z}), an offset date-time, or a date meaning the end of that day in China; null when the text
     * is none of these (the pages then try a Beijing local time).
     */
    public Instant instant(String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).plusDays(1).atStartOfDay(clock.getZone()).toInstant().minusMillis(1);
            }
            if (text.endsWith("Z") || text.endsWith("z")) {
                return Instant.parse(text);
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    public boolean inWindow(LocalDate date) {
        return !date.isBefore(Check.EARLIEST_DATE) && !date.isAfter(latest());
    }

    public boolean inWindow(Instant instant) {
        Instant earliest = Check.EARLIEST_DATE.atStartOfDay(clock.getZone()).toInstant();
        Instant latest = latest().plusDays(1).atStartOfDay(clock.getZone()).toInstant();
        return !instant.isBefore(earliest) && instant.isBefore(latest);
    }

    /** The last date a query may name. */
    public LocalDate latest() {
        return LocalDate.now(clock).plusYears(Check.YEARS_AHEAD).withMonth(12).withDayOfMonth(31);
    }

    public Clock clock() {
        return clock;
    }
}
