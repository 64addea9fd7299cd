package cn.incubation.ledger.shared;

/** Decimal numbers read straight out of text the ledger wrote itself, where a formatter would be too slow. */
public final class Digits {

    private Digits() {
    }

    /** The decimal number in {@code text[from, to)}, or -1 if a character there is not a digit. */
    public static int value(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
