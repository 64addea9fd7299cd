package cn.incubation.ledger.eventstore;

import org.bson.BsonBinary;
import org.bson.BsonReader;
import org.bson.BsonWriter;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;

/**
 * One event of an append, as the engine writes it: the compact document layout, encoded straight into the driver's
 * output by {@link #CODEC}.
 * <p>
 * The layout leaves out what the {@code key} already says (the aggregate and its sequence number) and what is absent
 * (a null type or revision), and names its other fields with one or two letters. Only {@code key} and
 * {@code eventIdentifier} keep their names, because the unique indexes are on them. Every value is a string, a long
 * or bytes (the timestamp in epoch milliseconds, the append's id a random long, its first and last index packed into
 * one long). The layout was chosen when the embedded H2 store still wrote each document with Java serialization,
 * which spelled out the class of every other kind of value in every document and paid per field; it now writes BSON,
 * and the short layout still saves the bytes each page rewrite of the store reads and writes again. Snapshots and
 * tombstones are the only documents written with full field names.
 * <p>
 * Each event ends with its {@link EventHash} ({@code h}), the hash of its aggregate's previous event it was chained to
 * ({@code hp}), and the fingerprints of its payload and metadata ({@code hf}). Events written before hashing have none
 * of the three.
 * <p>
 * Writing through this codec instead of an {@code org.bson.Document} saves building a hash map per event and the
 * driver's codec look-up for every value of it, which was a third of the client's time of an append.
 */
final class AppendedEvent {

    static final Codec<AppendedEvent> CODEC = new AppendedEventCodec();

    final String key;
    /** The aggregate and sequence number the key names; not written, since the key holds them. */
    final String aggregate;
    final long sequence;
    final String eventIdentifier;
    final String type;
    final long timestamp;
    final String payloadType;
    final String payloadRevision;
    final byte[] payload;
    final byte[] metaData;
    /** Given for each attempt to write the append. */
    long index;
    long append;
    long first;
    long last;
    /** Given for each attempt too, as the hash covers the global index and the append: see {@link EventHash}. */
    byte[] hash;
    byte[] previousHash;
    long fingerprints;

    AppendedEvent(String aggregate, long sequence, String eventIdentifier, String type, long timestamp,
                  String payloadType, String payloadRevision, byte[] payload, byte[] metaData) {
        this.key = EventSchema.key(aggregate, sequence);
        this.aggregate = aggregate;
        this.sequence = sequence;
        this.eventIdentifier = eventIdentifier;
        this.type = type;
        this.timestamp = timestamp;
        this.payloadType = payloadType;
        this.payloadRevision = payloadRevision;
        this.payload = payload;
        this.metaData = metaData;
    }

    long range() {
        return EventSchema.range(index, first, last);
    }

    /** Hashes this event for the attempt it was given, chained to {@code previous}. */
    void hash(EventHash hasher, byte[] previous) {
        previousHash = previous;
        hash = hasher.hash(eventIdentifier, type, aggregate, sequence, index, timestamp, payloadType, payloadRevision,
                           payload, metaData, append, range(), previous);
        fingerprints = hasher.fingerprints();
    }

    private static final class AppendedEventCodec implements Codec<AppendedEvent> {

        @Override
        public void encode(BsonWriter writer, AppendedEvent event, EncoderContext encoderContext) {
            writer.writeStartDocument();
            writer.writeInt64(EventSchema.ID, event.index);
            writer.writeString(EventSchema.KEY, event.key);
            writer.writeString(EventSchema.EVENT_IDENTIFIER, event.eventIdentifier);
            if (event.type != null) {
                writer.writeString(EventSchema.C_TYPE, event.type);
            }
            writer.writeInt64(EventSchema.C_TIMESTAMP, event.timestamp);
            writer.writeString(EventSchema.C_PAYLOAD_TYPE, event.payloadType);
            if (event.payloadRevision != null) {
                writer.writeString(EventSchema.C_PAYLOAD_REVISION, event.payloadRevision);
            }
            writer.writeBinaryData(EventSchema.C_PAYLOAD, new BsonBinary(event.payload));
            writer.writeBinaryData(EventSchema.C_META_DATA, new BsonBinary(event.metaData));
            writer.writeInt64(EventSchema.C_APPEND, event.append);
            writer.writeInt64(EventSchema.C_RANGE, event.range());
            writer.writeBinaryData(EventSchema.C_HASH, new BsonBinary(event.hash));
            writer.writeBinaryData(EventSchema.C_PREVIOUS_HASH, new BsonBinary(event.previousHash));
            writer.writeInt64(EventSchema.C_FINGERPRINTS, event.fingerprints);
            writer.writeEndDocument();
        }

        @Override
        public Class<AppendedEvent> getEncoderClass() {
            return AppendedEvent.class;
        }

        @Override
        public AppendedEvent decode(BsonReader reader, DecoderContext decoderContext) {
            throw new UnsupportedOperationException("Appended events are read as documents");
        }
    }
}
