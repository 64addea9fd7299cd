package cn.incubation.ledger.directory.projection;

import java.text.Normalizer;
import java.util.Locale;

/**
 * What names are searched by: NFKC (full-width letters and digits become ASCII, compatibility ideographs their
 * unified forms) and lower case, so that Latin letters match whatever their case and width. Names are compared by
 * code point on this key, an order that no library's collation rules can change under a stored index.
 */
final class NameKey {

    private NameKey() {
    }

    static String of(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** The key's first {@code length} code points. */
    static String prefix(String key, int length) {
        return key.substring(0, key.offsetByCodePoints(0, length));
    }

    static int length(String key) {
        return key.codePointCount(0, key.length());
    }
}
