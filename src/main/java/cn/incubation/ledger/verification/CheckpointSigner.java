package cn.incubation.ledger.verification;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Signs checkpoints with HMAC-SHA256 under a key kept outside the store ({@code ledger.verification.checkpoint-key}),
 * so that someone who can write the store cannot replace the checkpoints with ones that fit an edited ledger. Without
 * a key, checkpoints are unsigned and only a digest kept elsewhere protects them.
 */
@Component
public class CheckpointSigner {

    private final SecretKeySpec key;

    public CheckpointSigner(@Value("${ledger.verification.checkpoint-key:}") String key) {
        this.key = key == null || key.isEmpty() ? null
                : new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public boolean enabled() {
        return key != null;
    }

    /** The checkpoint with its signature, or as it is when there is no key. */
    Checkpoint sign(Checkpoint checkpoint) {
        return key == null ? checkpoint : checkpoint.signed(HexFormat.of().formatHex(mac(checkpoint)));
    }

    /** Whether the checkpoint carries the signature this key gives it. */
    boolean verifies(Checkpoint checkpoint) {
        if (checkpoint.signature() == null) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(checkpoint.signature());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, mac(checkpoint));
    }

    private byte[] mac(Checkpoint checkpoint) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(checkpoint.signedText().getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java platform has HmacSHA256", e);
        }
    }
}
