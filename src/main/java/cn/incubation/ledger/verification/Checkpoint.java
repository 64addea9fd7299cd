package cn.incubation.ledger.verification;

import java.time.Instant;

/**
 * A digest of the ledger signed off by an admin: the running SHA-256 over the hashes of every event up to a global
 * index, to be printed and kept outside the ledger. A later verification that reaches another digest at that
 * position, or ends below it, shows the ledger was changed.
 *
 * @param position  the global index of the last event the digest covers
 * @param digest    the running digest, 64 hex digits
 * @param count     how many hashed events it covers
 * @param aggregate the aggregate of the event at {@code position}, and its {@code sequence}: the place named when the
 *                  events up to it are gone
 * @param signature HMAC-SHA256 of the other fields with the key outside the store (hex), or null when none was set
 */
public record Checkpoint(long position, String digest, long count, Instant createdAt, String createdBy,
                         String aggregate, Long sequence, String signature) {

    /** What the signature covers: every field but itself, in a fixed order. */
    String signedText() {
        return position + "|" + digest + "|" + count + "|" + (createdAt == null ? "" : createdAt.toEpochMilli()) + "|"
                + createdBy + "|" + aggregate + "|" + sequence;
    }

    Checkpoint signed(String signature) {
        return new Checkpoint(position, digest, count, createdAt, createdBy, aggregate, sequence, signature);
    }
}
