package cn.incubation.ledger.shared;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Reads the two times of a query: {@code asOf}, a business date (what was true that day; default today in China),
 * and {@code knownAt}, an instant (only facts recorded by then; default now). {@code knownAt} takes an ISO instant
 * ({@code 2023-07-15T10:00:00Z}), an offset date-time, or a date meaning the end of that day in China. Both lie in
 * the window the ledger knows of: from {@link Check#EARLIEST_DATE} to the end of the year {@link Check#YEARS_AHEAD}
 * years from now, so that no query works through, or overflows on, a date no fact can have.
 */
@Component
public class TimeParameters {

    private final Clock clock;

    TimeParameters(Clock clock) {
        this.clock = clock;
    }

    public LocalDate asOf(String value) {
        return date("asOf", value, LocalDate.now(clock));
    }

    public LocalDate date(String field, String value, LocalDate defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.strip());
        } catch (DateTimeException e) {
            throw LedgerRejection.invalid(field, value, "must be a date YYYY-MM-DD");
        }
        if (date.isBefore(Check.EARLIEST_DATE) || date.isAfter(latest())) {
            throw LedgerRejection.invalid(field, value, "must be from " + Check.EARLIEST_DATE + " to " + latest());
        }
        return date;
    }

    public Instant knownAt(String value) {
        if (value == null || value.isBlank()) {
            return clock.instant();
        }
        String v = value.strip();
        Instant instant;
        try {
            if (v.length() == 10) {
                instant = LocalDate.parse(v).plusDays(1).atStartOfDay(clock.getZone()).toInstant().minusMillis(1);
            } else if (v.endsWith("Z")) {
                instant = Instant.parse(v);
            } else {
                instant = OffsetDateTime.parse(v).toInstant();
            }
        } catch (DateTimeException | ArithmeticException e) {
            throw LedgerRejection.invalid("knownAt", value, "must be an instant such as 2023-07-15T10:00:00Z, an "
                    + "offset date-time such as 2023-07-15T18:00:00+08:00, or a date (the end of that day in China)");
        }
        Instant earliest = Check.EARLIEST_DATE.atStartOfDay(clock.getZone()).toInstant();
        Instant latest = latest().plusDays(1).atStartOfDay(clock.getZone()).toInstant();
        if (instant.isBefore(earliest) || !instant.isBefore(latest)) {
            throw LedgerRejection.invalid("knownAt", value, "must be from " + Check.EARLIEST_DATE + " to "
                    + latest() + " (China time)");
        }
        return instant;
    }

    /** The last date a query may name. */
    public LocalDate latest() {
        return LocalDate.now(clock).plusYears(Check.YEARS_AHEAD).withMonth(12).withDayOfMonth(31);
    }

    public Clock clock() {
        return clock;
    }
}
