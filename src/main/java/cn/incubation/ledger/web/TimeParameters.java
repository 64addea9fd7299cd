package cn.incubation.ledger.web;

import cn.incubation.ledger.shared.LedgerRejection;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Reads the two times of a query: {@code asOf}, a business date (what was true that day; default today in China),
 * and {@code knownAt}, an instant (only facts recorded by then; default now). {@code knownAt} takes an ISO instant
 * ({@code 2023-07-15T10:00:00Z}), an offset date-time, or a date meaning the end of that day in China.
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
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeException e) {
            throw LedgerRejection.invalid(field, value, "must be a date YYYY-MM-DD");
        }
    }

    public Instant knownAt(String value) {
        if (value == null || value.isBlank()) {
            return clock.instant();
        }
        String v = value.strip();
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).plusDays(1).atStartOfDay(clock.getZone()).toInstant().minusMillis(1);
            }
            if (v.endsWith("Z")) {
                return Instant.parse(v);
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeException e) {
            throw LedgerRejection.invalid("knownAt", value, "must be an instant such as 2023-07-15T10:00:00Z, an "
                    + "offset date-time such as 2023-07-15T18:00:00+08:00, or a date (the end of that day in China)");
        }
    }

    public Clock clock() {
        return clock;
    }
}
