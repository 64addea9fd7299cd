package cn.incubation.ledger.shared;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.regex.Pattern;

/** The input rules shared by every command: required fields, dates, ids, counts and areas. */
public final class Check {

    /** The ledger records nothing older than this: the incubation system's statistics begin in the 1980s. */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1980, 1, 1);

    /** Ten trillion: larger amounts or areas are typing mistakes, not facts. */
    public static final BigDecimal LARGEST_AMOUNT = new BigDecimal("1e13");

    private static final Pattern ID = Pattern.compile("[a-z0-9-]{3,64}");

    private Check() {
    }

    public static <T> T required(String field, T value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw LedgerRejection.invalid(field, null, "is required");
        }
        return value;
    }

    /** A required free-text field, trimmed, at most {@code maxLength} characters. */
    public static String text(String field, String value, int maxLength) {
        String text = required(field, value).strip();
        if (text.length() > maxLength) {
            throw LedgerRejection.invalid(field, text.substring(0, 40) + "…",
                                          "must be at most " + maxLength + " characters");
        }
        return text;
    }

    /** An aggregate or investment id chosen by a client. */
    public static String id(String field, String value) {
        required(field, value);
        if (!ID.matcher(value).matches()) {
            throw LedgerRejection.invalid(field, value, "must match [a-z0-9-]{3,64}");
        }
        return value;
    }

    /** A business date: not before 1980-01-01 (today's bound needs a clock and is checked by {@link #notAfter}). */
    public static LocalDate date(String field, LocalDate value) {
        required(field, value);
        if (value.isBefore(EARLIEST_DATE)) {
            throw LedgerRejection.invalid(field, value, "must not be before " + EARLIEST_DATE);
        }
        return value;
    }

    /** Facts cannot be recorded ahead of the day they happen. */
    public static void notAfter(String field, LocalDate value, LocalDate today) {
        if (value != null && value.isAfter(today)) {
            throw LedgerRejection.invalid(field, value, "must not be after today (" + today + ")");
        }
    }

    public static int count(String field, Integer value) {
        required(field, value);
        if (value < 0) {
            throw LedgerRejection.invalid(field, value, "must not be negative");
        }
        return value;
    }

    public static BigDecimal area(String field, BigDecimal value) {
        required(field, value);
        if (value.signum() <= 0) {
            throw LedgerRejection.invalid(field, value.toPlainString(), "must be positive");
        }
        if (value.compareTo(LARGEST_AMOUNT) > 0) {
            throw LedgerRejection.invalid(field, value.toPlainString(), "must be at most 10^13");
        }
        return value;
    }
}
