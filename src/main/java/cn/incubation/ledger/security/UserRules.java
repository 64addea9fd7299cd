package cn.incubation.ledger.security;

import cn.incubation.ledger.shared.Check;
import cn.incubation.ledger.shared.LedgerRejection;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules for what describes a user: the username's form, the password's length, and which scopes each role takes.
 * A rejection never quotes a password.
 */
final class UserRules {

    static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{2,63}");
    /** Names the ledger writes as actors of its own (the demo loader), which no user may take. */
    static final Set<String> RESERVED = Set.of("anonymous", "demo", "system");
    static final int SHORTEST_PASSWORD = 10;
    /** BCrypt reads at most 72 bytes: a longer password would have a tail that is never checked. */
    static final int LONGEST_PASSWORD_BYTES = 72;
    static final int MOST_SCOPES = 1_000;
    static final int LONGEST_INVESTOR = 200;

    private UserRules() {
    }

    static String username(String value) {
        Check.required("username", value);
        if (!USERNAME.matcher(value).matches()) {
            throw LedgerRejection.invalid("username", value, "must match [a-z][a-z0-9._-]{2,63}: a lower-case "
                    + "letter, then letters, digits, '.', '_' or '-'");
        }
        if (RESERVED.contains(value)) {
            throw LedgerRejection.invalid("username", value, "is reserved for what the ledger records itself");
        }
        return value;
    }

    static String password(String value) {
        if (value == null || value.isEmpty()) {
            throw LedgerRejection.invalid("password", null, "is required");
        }
        int length = value.codePointCount(0, value.length());
        if (length < SHORTEST_PASSWORD) {
            throw LedgerRejection.invalid("password", null, "must be at least " + SHORTEST_PASSWORD
                    + " characters (it has " + length + ")");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > LONGEST_PASSWORD_BYTES) {
            throw LedgerRejection.invalid("password", null, "must be at most " + LONGEST_PASSWORD_BYTES
                    + " bytes in UTF-8 (BCrypt reads no further)");
        }
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.SURROGATE || type == Character.UNASSIGNED) {
                throw LedgerRejection.invalid("password", null, "must not contain control, unassigned or broken "
                        + "characters (at character " + (value.codePointCount(0, i) + 1) + ")");
            }
            i += Character.charCount(c);
        }
        return value;
    }

    static Role role(Role value) {
        return Check.required("role", value);
    }

    /** An operator's carriers: at least one, ids as the ledger's, each once. Other roles have none. */
    static List<String> incubators(Role role, List<String> value) {
        List<String> ids = value == null ? List.of() : value;
        if (role != Role.OPERATOR) {
            if (!ids.isEmpty()) {
                throw LedgerRejection.invalid("incubators", ids, "only an OPERATOR is scoped to carriers; a "
                        + role + " has none");
            }
            return List.of();
        }
        if (ids.isEmpty()) {
            throw LedgerRejection.invalid("incubators", null, "an OPERATOR needs at least one carrier (incubator "
                    + "ids)");
        }
        return distinct("incubators", ids, (field, id) -> Check.id(field, id));
    }

    /** A fund manager's investors (none: every investor), each once. Other roles have none. */
    static List<String> investors(Role role, List<String> value) {
        List<String> names = value == null ? List.of() : value;
        if (role != Role.FUND_MANAGER) {
            if (!names.isEmpty()) {
                throw LedgerRejection.invalid("investors", names, "only a FUND_MANAGER is scoped to investors; a "
                        + role + " has none");
            }
            return List.of();
        }
        return distinct("investors", names, (field, name) -> Check.text(field, name, LONGEST_INVESTOR));
    }

    private interface Rule {
        String apply(String field, String value);
    }

    private static List<String> distinct(String field, List<String> values, Rule rule) {
        if (values.size() > MOST_SCOPES) {
            throw LedgerRejection.invalid(field, values.size(), "must list at most " + MOST_SCOPES);
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String item = rule.apply(field + "[" + i + "]", values.get(i));
            if (!seen.add(item)) {
                throw LedgerRejection.invalid(field + "[" + i + "]", item, "is listed twice");
            }
        }
        return List.copyOf(seen);
    }
}
