package cn.incubation.ledger.ui;

import cn.incubation.ledger.shared.Check;
import cn.incubation.ledger.shared.TimeParameters;
import org.springframework.stereotype.Component;
import org.springframework.validation.Errors;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The two times as the pages take them, with the API's bounds ({@link TimeParameters}): business dates as
 * {@code YYYY-MM-DD}, and record times as a date (the end of that day), a Beijing local time such as
 * {@code 2023-07-15 18:00} (what a person types), an instant with {@code Z} or an offset. A bad value is rejected into
 * the form's errors beside its field, with a message code the pages translate; times are shown in Beijing time.
 */
@Component("pageTimes")
public class PageTimes {

    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(BEIJING);
    private static final DateTimeFormatter TYPED = DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss]");

    private final TimeParameters times;

    PageTimes(TimeParameters times) {
        this.times = times;
    }

    /** Today in China. */
    public LocalDate today() {
        return LocalDate.now(times.clock());
    }

    public Instant now() {
        return times.clock().instant();
    }

    /** A business date, or {@code defaultValue} when empty; null (and an error on {@code field}) when bad. */
    public LocalDate date(Errors errors, String field, String value, LocalDate defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.strip());
        } catch (DateTimeException e) {
            errors.rejectValue(field, "invalid.date", "must be a date YYYY-MM-DD");
            return null;
        }
        if (!times.inWindow(date)) {
            errors.rejectValue(field, "invalid.dateRange", new Object[] {Check.EARLIEST_DATE, times.latest()},
                               "must be from " + Check.EARLIEST_DATE + " to " + times.latest());
            return null;
        }
        return date;
    }

    /** A record time, or null (with an error on {@code field} when the value was bad, none when it was empty). */
    public Instant instant(Errors errors, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant = parseInstant(value.strip());
        if (instant == null) {
            errors.rejectValue(field, "invalid.instant", "must be a date or an instant");
            return null;
        }
        if (!times.inWindow(instant)) {
            errors.rejectValue(field, "invalid.instantRange", new Object[] {Check.EARLIEST_DATE, times.latest()},
                               "must be from " + Check.EARLIEST_DATE + " to " + times.latest());
            return null;
        }
        return instant;
    }

    /** An instant as the pages show it: Beijing time to the second. */
    public String beijing(Instant instant) {
        return instant == null ? "" : SHOWN.format(instant);
    }

    /** The API's forms (through {@link TimeParameters#instant}), or else a Beijing local time as a person types it. */
    private Instant parseInstant(String text) {
        Instant instant = times.instant(text);
        if (instant != null) {
            return instant;
        }
        try {
            return LocalDateTime.parse(text, TYPED).atZone(BEIJING).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }
}
