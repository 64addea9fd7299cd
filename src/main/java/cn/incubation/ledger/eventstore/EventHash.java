package cn.incubation.ledger.eventstore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash that chains an event to its aggregate's previous one: SHA-256 over a canonical encoding of what the event
 * document holds, and the previous event's hash.
 * <p>
 * The encoding, in this order: a version byte (1); the event identifier, the aggregate type (or none), the aggregate
 * identifier; the sequence number, the global index, the timestamp in epoch milliseconds; the payload type and
 * revision (or none); the SHA-256 of the payload bytes and of the metadata bytes; the append's id and its packed
 * range (as stored, relative to the global index); the previous event's hash (32 zero bytes for sequence 0). Strings
 * are their UTF-8 bytes after a 4-byte big-endian length (-1 for none), numbers 8 bytes big-endian. The append's id
 * and range are covered because readers decide from them whether an event committed: an edit there would hide it.
 * <p>
 * The payload and metadata are hashed apart so that a check can say which of them changed: the first four bytes of
 * each of their digests are stored beside the hash ({@link #fingerprints}). An instance keeps one
 * {@link MessageDigest} and is not thread-safe.
 */
public final class EventHash {

    /** Bytes of a hash. */
    public static final int LENGTH = 32;
    private static final byte VERSION = 1;
    private static final byte[] ZERO = new byte[LENGTH];

    private final MessageDigest sha256;
    private final byte[] number = new byte[Long.BYTES];
    private long lastFingerprints;

    public EventHash() {
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    /** The previous hash of an aggregate's first event. */
    public static byte[] zero() {
        return ZERO.clone();
    }

    public static boolean isZero(byte[] hash) {
        return MessageDigest.isEqual(hash, ZERO);
    }

    /**
     * The hash of one event; afterwards {@link #fingerprints()} answers the fingerprints of its payload and metadata.
     */
    public byte[] hash(String eventIdentifier, String type, String aggregateIdentifier, long sequenceNumber,
                       long globalIndex, long timestamp, String payloadType, String payloadRevision, byte[] payload,
                       byte[] metaData, long append, long range, byte[] previousHash) {
        byte[] payloadDigest = sha256.digest(payload);
        byte[] metaDataDigest = sha256.digest(metaData);
        lastFingerprints = (long) leadingInt(payloadDigest) << 32 | leadingInt(metaDataDigest) & 0xFFFF_FFFFL;
        sha256.update(VERSION);
        string(eventIdentifier);
        string(type);
        string(aggregateIdentifier);
        number(sequenceNumber);
        number(globalIndex);
        number(timestamp);
        string(payloadType);
        string(payloadRevision);
        sha256.update(payloadDigest);
        sha256.update(metaDataDigest);
        number(append);
        number(range);
        sha256.update(previousHash);
        return sha256.digest();
    }

    /**
     * The fingerprints of the payload and metadata of the last event hashed: the leading four bytes of the payload's
     * SHA-256 in the high half, of the metadata's in the low half. They only tell which part changed; the hash is what
     * proves it did.
     */
    public long fingerprints() {
        return lastFingerprints;
    }

    /** The running digest of the stream after one more event: SHA-256 of the digest so far and the event's hash. */
    public byte[] extend(byte[] digest, byte[] eventHash) {
        sha256.update(digest);
        sha256.update(eventHash);
        return sha256.digest();
    }

    public static String hex(byte[] hash) {
        return hash == null ? null : HexFormat.of().formatHex(hash);
    }

    private void string(String value) {
        if (value == null) {
            int32(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int32(bytes.length);
        sha256.update(bytes);
    }

    private void int32(int value) {
        for (int i = 0; i < Integer.BYTES; i++) {
            number[i] = (byte) (value >>> (24 - 8 * i));
        }
        sha256.update(number, 0, Integer.BYTES);
    }

    private void number(long value) {
        for (int i = 0; i < Long.BYTES; i++) {
            number[i] = (byte) (value >>> (56 - 8 * i));
        }
        sha256.update(number, 0, Long.BYTES);
    }

    private static int leadingInt(byte[] digest) {
        return (digest[0] & 0xFF) << 24 | (digest[1] & 0xFF) << 16 | (digest[2] & 0xFF) << 8 | digest[3] & 0xFF;
    }
}
