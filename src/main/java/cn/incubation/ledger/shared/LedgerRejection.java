package cn.incubation.ledger.shared;

/**
 * A command the ledger refuses, saying which field, which value and which rule. Nothing is stored for a rejected
 * command; the HTTP layer turns the kind into a status (400 invalid input, 404 unknown target, 409 a rule of the
 * current state).
 */
public class LedgerRejection extends RuntimeException {

    /** Why a command was refused, which decides the answer a client gets. */
    public enum Kind { INVALID_INPUT, NOT_FOUND, CONFLICT }

    private final Kind kind;
    private final String field;
    private final transient Object value;
    private final String rule;

    public LedgerRejection(Kind kind, String field, Object value, String rule) {
        super(message(field, value, rule));
        this.kind = kind;
        this.field = field;
        this.value = value;
        this.rule = rule;
    }

    /** The input breaks a rule that holds whatever the ledger's state (format, range, required). */
    public static LedgerRejection invalid(String field, Object value, String rule) {
        return new LedgerRejection(Kind.INVALID_INPUT, field, value, rule);
    }

    /** The command's target does not exist. */
    public static LedgerRejection notFound(String field, Object value, String rule) {
        return new LedgerRejection(Kind.NOT_FOUND, field, value, rule);
    }

    /** The input is well formed but the ledger's current state does not allow it. */
    public static LedgerRejection conflict(String field, Object value, String rule) {
        return new LedgerRejection(Kind.CONFLICT, field, value, rule);
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }

    public Object value() {
        return value;
    }

    public String rule() {
        return rule;
    }

    private static String message(String field, Object value, String rule) {
        return value == null ? field + ": " + rule : field + " = " + Check.excerpt(value) + ": " + rule;
    }
}
