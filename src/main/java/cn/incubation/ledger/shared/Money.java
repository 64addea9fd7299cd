package cn.incubation.ledger.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * An amount of money in an ISO 4217 currency, with the rate that converts it to renminbi (1 for CNY). The amount has
 * at most two decimal places; its value in renminbi, {@code amount × cnyRate} rounded half-even to the fen, is at
 * least one fen and at most {@link #LARGEST_CNY}, so that a slip of the keyboard is caught rather than summed.
 */
public record Money(BigDecimal amount, String currency, BigDecimal cnyRate) {

    public static final String CNY = "CNY";

    /** One hundred billion yuan (1000亿元): more than any one round a tenant of an incubator has received. */
    public static final BigDecimal LARGEST_CNY = new BigDecimal("100000000000");

    /** An amount in any currency at most: the renminbi bound above in the currency with the smallest unit. */
    public static final BigDecimal LARGEST_AMOUNT = new BigDecimal("1000000000000000");

    /** Renminbi per unit of a currency: from 0.00001 (the smallest units in use) to 1,000, at most 8 decimals. */
    public static final BigDecimal SMALLEST_RATE = new BigDecimal("0.00001");
    public static final BigDecimal LARGEST_RATE = new BigDecimal("1000");
    public static final int RATE_DECIMALS = 8;

    public Money {
        Check.decimal("amount", amount, Check.DECIMALS, LARGEST_AMOUNT);
        currency = currency(currency);
        if (CNY.equals(currency)) {
            if (cnyRate != null && cnyRate.compareTo(BigDecimal.ONE) != 0) {
                throw LedgerRejection.invalid("cnyRate", cnyRate, "must be 1 or absent for CNY");
            }
            cnyRate = BigDecimal.ONE;
        } else {
            if (cnyRate == null) {
                throw LedgerRejection.invalid("cnyRate", null, "is required when the currency is not CNY");
            }
            Check.decimal("cnyRate", cnyRate, RATE_DECIMALS, LARGEST_RATE);
            if (cnyRate.compareTo(SMALLEST_RATE) < 0) {
                throw LedgerRejection.invalid("cnyRate", cnyRate, "must be at least " + SMALLEST_RATE.toPlainString()
                        + " (yuan per unit of " + currency + ")");
            }
        }
        BigDecimal cny = amountCny(amount, cnyRate);
        if (cny.signum() == 0) {
            throw LedgerRejection.invalid("amount", amount, "is less than one fen in renminbi at " + cnyRate
                    .toPlainString() + " yuan per " + currency);
        }
        if (cny.compareTo(LARGEST_CNY) > 0) {
            throw LedgerRejection.invalid("amount", amount, "is " + cny.toPlainString() + " yuan at "
                    + cnyRate.toPlainString() + "; one investment is at most " + LARGEST_CNY.toPlainString()
                    + " yuan (1000亿元)");
        }
    }

    /** The amount in renminbi, rounded half-even to the fen: what every total and trail adds up. */
    public BigDecimal amountCny() {
        return amountCny(amount, cnyRate);
    }

    /** {@code amount × cnyRate} rounded half-even to the fen, so that a column of them adds up to its total. */
    public static BigDecimal amountCny(BigDecimal amount, BigDecimal cnyRate) {
        return amount.multiply(cnyRate).setScale(Check.DECIMALS, RoundingMode.HALF_EVEN);
    }

    /**
     * An ISO 4217 code of a currency that circulates (upper case, as the JDK knows it): not a code for gold, silver,
     * special drawing rights, testing or "no currency" such as XAU, XDR, XTS and XXX, which have no minor unit.
     */
    public static String currency(String code) {
        Check.required("currency", code);
        try {
            Currency currency = Currency.getInstance(code);
            if (currency.getDefaultFractionDigits() >= 0) {
                return currency.getCurrencyCode();
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw LedgerRejection.invalid("currency", code, "must be the ISO 4217 code of a currency, such as CNY or USD");
    }
}
