package cn.incubation.ledger.projector;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Whole-number increments by field name, merged, in the order the fields were first incremented: an open-addressing
 * table over two arrays. A rebuild holds the merged increments of a hundred thousand events until it writes them (a
 * regional totals document collects hundreds of fields), and as a map each field was an entry and a boxed sum, objects
 * the garbage collector copied again at every collection until the flush. A sum that passes the range of a long goes
 * on exactly as a {@link BigInteger}.
 */
final class Increments {

    /** The fields, in the order they came. */
    private String[] fields = new String[2];
    private long[] sums = new long[2];
    /** The sums that passed the range of a long, by position; made when the first does. */
    private BigInteger[] big;
    /** Hash table of positions in {@link #fields}, plus one; 0 is a free slot. Never more than half full. */
    private int[] slots = new int[4];
    private int size;

    void add(String field, long delta) {
        int mask = slots.length - 1;
        for (int slot = spread(field.hashCode()) & mask; ; slot = (slot + 1) & mask) {
            int position = slots[slot] - 1;
            if (position < 0) {
                append(field, delta, slot);
                return;
            }
            String known = fields[position];
            if (known == field || known.equals(field)) {
                add(position, delta);
                return;
            }
        }
    }

    private void add(int position, long delta) {
        if (big != null && big[position] != null) {
            big[position] = big[position].add(BigInteger.valueOf(delta));
            return;
        }
        long sum = sums[position] + delta;
        if (((sums[position] ^ sum) & (delta ^ sum)) < 0) {
            if (big == null) {
                big = new BigInteger[fields.length];
            }
            big[position] = BigInteger.valueOf(sums[position]).add(BigInteger.valueOf(delta));
            return;
        }
        sums[position] = sum;
    }

    private void append(String field, long delta, int slot) {
        if (size == fields.length) {
            fields = Arrays.copyOf(fields, size * 2);
            sums = Arrays.copyOf(sums, size * 2);
            if (big != null) {
                big = Arrays.copyOf(big, size * 2);
            }
        }
        fields[size] = field;
        sums[size] = delta;
        size++;
        slots[slot] = size;
        if (size * 2 > slots.length) {
            rehash(slots.length * 2);
        }
    }

    private void rehash(int capacity) {
        slots = new int[capacity];
        int mask = capacity - 1;
        for (int position = 0; position < size; position++) {
            int slot = spread(fields[position].hashCode()) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = position + 1;
        }
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    /** Whether every sum is zero (none at all included). */
    boolean allZero() {
        for (int i = 0; i < size; i++) {
            if (big != null && big[i] != null ? big[i].signum() != 0 : sums[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Each field with its sum, in the order the fields came, zero sums included: a {@link Long}, or a
     * {@link BigInteger} for a sum past the range of a long.
     */
    void forEach(Sum action) {
        for (int i = 0; i < size; i++) {
            action.accept(fields[i], big != null && big[i] != null ? big[i] : (Number) sums[i]);
        }
    }

    @FunctionalInterface
    interface Sum {
        void accept(String field, Number sum);
    }
}
