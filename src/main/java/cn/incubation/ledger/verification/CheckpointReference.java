package cn.incubation.ledger.verification;

import cn.incubation.ledger.shared.LedgerRejection;

import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A checkpoint an admin names when asking for a verification: by its digest (kept elsewhere), by its position, or by
 * both ({@code position:digest}, which need not be stored at all).
 */
public record CheckpointReference(Long position, String digest) {

    private static final Pattern FORM = Pattern.compile("(?:([0-9]{1,18}):)?([0-9a-fA-F]{64})|([0-9]{1,18})");
    static final String RULE = "must be a checkpoint's digest (64 hex digits), its position (a global index from 1), "
            + "or both as position:digest";

    public CheckpointReference {
        if (position != null && position < 1) {
            throw LedgerRejection.invalid("checkpoint", position, RULE);
        }
        if (digest != null) {
            try {
                if (HexFormat.of().parseHex(digest).length != 32) {
                    throw LedgerRejection.invalid("checkpoint", digest, RULE);
                }
            } catch (IllegalArgumentException e) {
                throw LedgerRejection.invalid("checkpoint", digest, RULE);
            }
            digest = digest.toLowerCase();
        }
        if (position == null && digest == null) {
            throw LedgerRejection.invalid("checkpoint", null, RULE);
        }
    }

    /** Reads the {@code checkpoint} parameter; null or blank names none. */
    public static CheckpointReference parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher form = FORM.matcher(text.strip());
        if (!form.matches()) {
            throw LedgerRejection.invalid("checkpoint", text, RULE);
        }
        String position = form.group(1) != null ? form.group(1) : form.group(3);
        return new CheckpointReference(position == null ? null : Long.parseLong(position), form.group(2));
    }

    byte[] digestBytes() {
        return HexFormat.of().parseHex(digest);
    }
}
