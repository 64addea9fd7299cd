package cn.incubation.ledger.ui.parts;

import cn.incubation.ledger.ui.PageTimes;
import org.springframework.validation.Errors;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A page's two times, checked: the business date (today unless chosen) and the record time (now unless chosen, and
 * whether it was), or null with an error beside each wrong field.
 */
public record AsKnown(LocalDate asOf, Instant knownAt, boolean knownAtNow) {

    public static AsKnown of(TimesForm form, Errors errors, PageTimes times) {
        LocalDate asOf = times.date(errors, "asOf", form.getAsOf(), times.today());
        Instant typed = times.instant(errors, "knownAt", form.getKnownAt());
        if (errors.hasErrors()) {
            return null;
        }
        return new AsKnown(asOf, typed == null ? times.now() : typed, typed == null);
    }
}
