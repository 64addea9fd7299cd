package cn.incubation.ledger.shared;

/**
 * A unified social credit code (统一社会信用代码, GB 32100-2015): eighteen characters whose last is a check
 * character over the first seventeen. It identifies one company across all of its incubations.
 */
public record CreditCode(String value) {

    /** The code's alphabet: digits and the capitals other than I, O, Z, S and V, each worth its position. */
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    public CreditCode {
        Check.required("creditCode", value);
        value = value.strip().toUpperCase();
        if (value.length() != 18) {
            throw LedgerRejection.invalid("creditCode", value, "must have 18 characters (GB 32100-2015)");
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(value.charAt(i)) < 0) {
                throw LedgerRejection.invalid("creditCode", value, "character " + (i + 1) + " '" + value.charAt(i)
                        + "' is not allowed (digits and capitals except I, O, Z, S, V)");
            }
        }
        char expected = checkCharacter(value.substring(0, 17));
        if (value.charAt(17) != expected) {
            throw LedgerRejection.invalid("creditCode", value,
                                          "check character must be '" + expected + "' (GB 32100-2015)");
        }
    }

    /** The check character for the first seventeen characters of a code. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }

    @Override
    public String toString() {
        return value;
    }
}
