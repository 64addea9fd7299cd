package cn.incubation.ledger.regionaltotals.projection;

import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A whole-number total that stays exact past the range of a long: it adds in a long while the sum fits and in a
 * {@link BigInteger} once it does not. Money (fen) and areas (cm²) are stored as {@link Decimal128} sums, which may
 * exceed a long; counts never do in practice, but are added the same way.
 */
final class Sum {

    private long small;
    private BigInteger big;

    Sum() {
    }

    private Sum(long small, BigInteger big) {
        this.small = small;
        this.big = big;
    }

    Sum copy() {
        return new Sum(small, big);
    }

    void add(long delta) {
        if (big == null) {
            long sum = small + delta;
            // Overflow only when both operands have the same sign and the result's differs.
            if (((small ^ sum) & (delta ^ sum)) >= 0) {
                small = sum;
                return;
            }
            big = BigInteger.valueOf(small);
        }
        big = big.add(BigInteger.valueOf(delta));
    }

    void add(Sum other) {
        if (other.big == null) {
            add(other.small);
        } else {
            add(other.big);
        }
    }

    void add(BigInteger delta) {
        if (big == null && delta.bitLength() < 64) {
            add(delta.longValue());
            return;
        }
        big = (big == null ? BigInteger.valueOf(small) : big).add(delta);
    }

    /** Adds a value as the totals documents store it: a 32- or 64-bit integer, or a whole {@link Decimal128}. */
    void add(Object stored) {
        if (stored instanceof Decimal128 decimal) {
            add(decimal.bigDecimalValue().toBigIntegerExact());
        } else {
            add(((Number) stored).longValue());
        }
    }

    /** A new sum of the opposite sign. */
    Sum negated() {
        if (big == null && small != Long.MIN_VALUE) {
            return new Sum(-small, null);
        }
        return new Sum(0, (big == null ? BigInteger.valueOf(small) : big).negate());
    }

    boolean isZero() {
        return big == null ? small == 0 : big.signum() == 0;
    }

    /** The total as a count: a count that passed the range of a long would need more events than a store can hold. */
    long count() {
        return big == null ? small : big.longValueExact();
    }

    /** The total in hundredths (fen, cm²) as a decimal with two places. */
    BigDecimal hundredths() {
        return big == null ? BigDecimal.valueOf(small, 2) : new BigDecimal(big, 2);
    }

    @Override
    public String toString() {
        return big == null ? Long.toString(small) : big.toString();
    }
}
