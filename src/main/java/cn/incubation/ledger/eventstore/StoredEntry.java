package cn.incubation.ledger.eventstore;

/**
 * What one global index of the events collection holds, as verification sees it: an event with what its hash covers
 * and the outcome of its append, a tombstone, or a document the ledger could not have written.
 *
 * @param kind          which of those it is
 * @param problem       for a {@link Kind#MALFORMED} document, what is wrong with it
 * @param hash          the stored hash; null for an event written before hashing
 * @param range         the append's first and last index, packed as the compact layout stores them
 * @param outcome       whether the event's append committed, failed, or is not decided yet
 */
public record StoredEntry(long globalIndex, Kind kind, String problem, String aggregateIdentifier,
                          long sequenceNumber, String eventIdentifier, String type, long timestamp,
                          String payloadType, String payloadRevision, byte[] payload, byte[] metaData, long append,
                          long range, byte[] hash, byte[] previousHash, long fingerprints, Outcome outcome) {

    /** What a document is. */
    public enum Kind {
        /** An event in the compact layout (hashed, or written before hashing). */
        EVENT,
        /** A global index given up, or the index of an append that failed. */
        TOMBSTONE,
        /** Fields missing or of the wrong type. */
        MALFORMED
    }

    /** How the append an event belongs to ended. */
    public enum Outcome {
        COMMITTED,
        /** Its commit document is not there (yet): in flight, or left by a writer that died. */
        PENDING,
        /** Its commit index holds a tombstone or another append: the event never counted. */
        ABORTED
    }

    /** Recomputes the hash from the stored fields, as if the event stood at {@code globalIndex}. */
    public byte[] recompute(EventHash hasher, long atGlobalIndex) {
        return hasher.hash(eventIdentifier, type, aggregateIdentifier, sequenceNumber, atGlobalIndex, timestamp,
                           payloadType, payloadRevision, payload, metaData, append, range, previousHash);
    }

    public boolean hashed() {
        return hash != null;
    }

    static StoredEntry tombstone(long globalIndex) {
        return new StoredEntry(globalIndex, Kind.TOMBSTONE, null, null, -1, null, null, 0, null, null, null, null, 0,
                               0, null, null, 0, null);
    }

    static StoredEntry malformed(long globalIndex, String problem, String aggregateIdentifier, long sequenceNumber) {
        return new StoredEntry(globalIndex, Kind.MALFORMED, problem, aggregateIdentifier, sequenceNumber, null, null, 0,
                               null, null, null, null, 0, 0, null, null, 0, null);
    }
}
