package cn.incubation.ledger.directory.projection;

/**
 * Free text (an investor's name) as a field name of a stored document and back: a dot would make it a path and a
 * leading {@code $} an operator, so both are written as {@code %2E} and {@code %24}, and {@code %} as {@code %25}.
 */
final class FieldNames {

    private FieldNames() {
    }

    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '%' -> out.append("%25");
                case '.' -> out.append("%2E");
                case '$' -> out.append("%24");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String decode(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '%' && i + 2 < field.length()) {
                switch (field.substring(i + 1, i + 3)) {
                    case "25" -> out.append('%');
                    case "2E" -> out.append('.');
                    case "24" -> out.append('$');
                    default -> throw new IllegalArgumentException("not an encoded field name: " + field);
                }
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
