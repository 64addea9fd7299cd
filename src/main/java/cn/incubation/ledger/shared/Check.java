package cn.incubation.ledger.shared;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * The input rules shared by every command: required fields, dates, ids, counts, areas and text. Every bound is
 * checked without expanding the value (a decimal such as {@code 1e-999999999} is judged by its scale, never written
 * out), and a rejection quotes at most a short excerpt of what was sent.
 */
public final class Check {

    /** The ledger records nothing older than this: the incubation system's statistics begin in the 1980s. */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1980, 1, 1);

    /** Queries may look this many years past today, for plans and targets; facts cannot be dated after today. */
    public static final int YEARS_AHEAD = 10;

    /** The largest incubation floor area of one carrier, in m²: the largest carriers hold about a tenth of it. */
    public static final BigDecimal LARGEST_AREA = new BigDecimal("10000000");

    /** Incubation staff of one carrier at most. */
    public static final int MOST_STAFF = 100_000;

    /** Employees of one tenant at most. */
    public static final int MOST_EMPLOYEES = 1_000_000;

    /** Decimal places of an area (m²) or an amount of money at most: hundredths, fen. */
    public static final int DECIMALS = 2;

    private static final Pattern ID = Pattern.compile("[a-z0-9-]{3,64}");
    private static final int EXCERPT = 60;

    private Check() {
    }

    public static <T> T required(String field, T value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw LedgerRejection.invalid(field, null, "is required");
        }
        return value;
    }

    /**
     * A required free-text field, stripped, of at most {@code maxLength} characters (code points), without control,
     * format (zero-width, bidirectional overrides) or unassigned characters, and not blank once invisible characters
     * are left out.
     */
    public static String text(String field, String value, int maxLength) {
        String text = required(field, value).strip();
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw LedgerRejection.invalid(field, text, "must be at most " + maxLength + " characters");
        }
        boolean visible = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            String problem = forbidden(c);
            if (problem != null) {
                throw LedgerRejection.invalid(field, text, "must not contain " + problem + " (U+"
                        + String.format("%04X", c) + " at character " + (text.codePointCount(0, i) + 1) + ")");
            }
            visible |= !Character.isWhitespace(c) && !Character.isSpaceChar(c);
            i += Character.charCount(c);
        }
        if (!visible) {
            throw LedgerRejection.invalid(field, null, "is required: it holds only invisible characters");
        }
        return text;
    }

    /** Why a character may not stand in text, or null when it may. */
    private static String forbidden(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL -> "control characters";
            case Character.FORMAT -> c == 0x200C || c == 0x200D ? null
                    : "invisible formatting characters (zero-width, bidirectional)";
            case Character.UNASSIGNED -> "unassigned characters";
            case Character.SURROGATE -> "a broken surrogate pair";
            case Character.PRIVATE_USE -> "private-use characters";
            default -> null;
        };
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

    public static int count(String field, Integer value, int most) {
        required(field, value);
        if (value < 0) {
            throw LedgerRejection.invalid(field, value, "must not be negative");
        }
        if (value > most) {
            throw LedgerRejection.invalid(field, value, "must be at most " + most);
        }
        return value;
    }

    /** An incubation floor area in m²: positive, in hundredths at most, and at most {@link #LARGEST_AREA}. */
    public static BigDecimal area(String field, BigDecimal value) {
        return decimal(field, value, DECIMALS, LARGEST_AREA);
    }

    /** A positive decimal with at most {@code decimals} places and at most {@code largest}. */
    public static BigDecimal decimal(String field, BigDecimal value, int decimals, BigDecimal largest) {
        required(field, value);
        if (value.signum() <= 0) {
            throw LedgerRejection.invalid(field, value, "must be positive");
        }
        if (value.compareTo(largest) > 0) {
            throw LedgerRejection.invalid(field, value, "must be at most " + largest.toPlainString());
        }
        // Judged after the bound above, so that the scale is that of a number of sensible size.
        if (value.stripTrailingZeros().scale() > decimals) {
            throw LedgerRejection.invalid(field, value, "must have at most " + decimals + " decimal places");
        }
        return value;
    }

    /**
     * At most {@value #EXCERPT} characters of a value, for a message: never the whole of something sent, and with
     * control and formatting characters written as Java escapes (a backslash, u and four hex digits), so that a
     * quoted value cannot reorder or hide the text around it.
     */
    public static String excerpt(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        StringBuilder shown = new StringBuilder(Math.min(text.length(), EXCERPT) + 16);
        int i = 0;
        while (i < text.length() && shown.length() < EXCERPT) {
            int c = text.codePointAt(i);
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE) {
                shown.append(String.format("\\u%04X", c));
            } else {
                shown.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        if (i < text.length()) {
            shown.append("… (").append(text.length()).append(" characters)");
        }
        return shown.toString();
    }
}
