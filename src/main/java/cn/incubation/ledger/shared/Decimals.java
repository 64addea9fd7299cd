package cn.incubation.ledger.shared;

import java.math.BigDecimal;

/** Decimals as text for people: every digit, unless writing them all out would take more than a line. */
public final class Decimals {

    /** Digits before or after the point beyond which a decimal is shown in scientific notation. */
    private static final int MOST_DIGITS = 40;

    private Decimals() {
    }

    /**
     * The value, if working with it is cheap: a decimal with more than {@value #MOST_DIGITS} digits before or after
     * the point (which the ledger no longer accepts, but an event recorded before its bounds may hold) would make
     * rounding or writing it out take minutes and gigabytes. A projection then parks the event instead.
     */
    public static BigDecimal sane(String field, BigDecimal value) {
        if (value != null && (value.scale() > MOST_DIGITS || (long) value.precision() - value.scale() > MOST_DIGITS)) {
            throw new IllegalArgumentException(field + " = " + value + " has more than " + MOST_DIGITS
                                               + " digits before or after the point");
        }
        return value;
    }

    /**
     * {@link BigDecimal#toPlainString()} for every value the ledger accepts; scientific notation for one it could
     * not have accepted (recorded before its bounds existed), whose plain form may run to a billion characters.
     */
    public static String plain(BigDecimal value) {
        long digitsBeforePoint = (long) value.precision() - value.scale();
        if (value.scale() > MOST_DIGITS || digitsBeforePoint > MOST_DIGITS) {
            return value.toString();
        }
        return value.toPlainString();
    }
}
