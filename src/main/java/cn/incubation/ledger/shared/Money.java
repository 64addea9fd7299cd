package cn.incubation.ledger.shared;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * An amount of money in an ISO 4217 currency, with the rate that converts it to renminbi (1 for CNY).
 * Positive and at most 10^13, so that a slip of the keyboard is caught rather than summed.
 */
public record Money(BigDecimal amount, String currency, BigDecimal cnyRate) {

    public static final String CNY = "CNY";

    public Money {
        Check.required("amount", amount);
        if (amount.signum() <= 0) {
            throw LedgerRejection.invalid("amount", amount.toPlainString(), "must be positive");
        }
        if (amount.compareTo(Check.LARGEST_AMOUNT) > 0) {
            throw LedgerRejection.invalid("amount", amount.toPlainString(), "must be at most 10^13");
        }
        currency = currency(currency);
        if (CNY.equals(currency)) {
            if (cnyRate != null && cnyRate.compareTo(BigDecimal.ONE) != 0) {
                throw LedgerRejection.invalid("cnyRate", cnyRate.toPlainString(), "must be 1 or absent for CNY");
            }
            cnyRate = BigDecimal.ONE;
        } else {
            if (cnyRate == null) {
                throw LedgerRejection.invalid("cnyRate", null, "is required when the currency is not CNY");
            }
            if (cnyRate.signum() <= 0) {
                throw LedgerRejection.invalid("cnyRate", cnyRate.toPlainString(), "must be positive");
            }
        }
    }

    /** The amount in renminbi. */
    public BigDecimal amountCny() {
        return amount.multiply(cnyRate);
    }

    /** An ISO 4217 currency code as the JDK knows it, upper case. */
    public static String currency(String code) {
        Check.required("currency", code);
        try {
            return Currency.getInstance(code).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw LedgerRejection.invalid("currency", code, "must be an ISO 4217 currency code such as CNY or USD");
        }
    }
}
