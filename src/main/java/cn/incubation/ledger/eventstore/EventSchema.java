package cn.incubation.ledger.eventstore;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.types.Binary;

import java.time.Instant;
import java.util.Date;

/**
 * The documents the engine stores: field names, keys, and the conversions between documents and Axon's event data,
 * kept out of the engine as Axon's {@code EventSchema} keeps them out of its JDBC engine.
 * <p>
 * Events are written in the compact layout of {@link AppendedEvent}. Snapshots and tombstones are written with the
 * full field names and read back only as what they are; nothing else in the events collection has full names.
 */
final class EventSchema {

    static final String ID = "_id";
    /** The unique key of an aggregate's event: see {@link #key(String, long)}. */
    static final String KEY = "key";
    static final String EVENT_IDENTIFIER = "eventIdentifier";
    static final String TOMBSTONE = "tombstone";

    // Full names: the fields of snapshots; tombstones have FIRST, LAST and TIMESTAMP of them.
    static final String FIRST = "first";
    static final String LAST = "last";
    static final String AGGREGATE_IDENTIFIER = "aggregateIdentifier";
    static final String SEQUENCE_NUMBER = "sequenceNumber";
    static final String TYPE = "type";
    static final String TIMESTAMP = "timestamp";
    static final String PAYLOAD_TYPE = "payloadType";
    static final String PAYLOAD_REVISION = "payloadRevision";
    static final String PAYLOAD = "payload";
    static final String META_DATA = "metaData";

    /*
     * The layout of events (see AppendedEvent): the aggregate and sequence number are read from the key, absent values
     * are left out, the other fields have short names, the timestamp is epoch milliseconds, the append is named by a
     * random long, and its first and last index are one long: see range().
     */
    static final String C_TYPE = "t";
    static final String C_TIMESTAMP = "ts";
    static final String C_PAYLOAD_TYPE = "pt";
    static final String C_PAYLOAD_REVISION = "pr";
    static final String C_PAYLOAD = "p";
    static final String C_META_DATA = "m";
    static final String C_APPEND = "a";
    static final String C_RANGE = "r";
    /** The event's hash, the hash it was chained to, its parts' fingerprints: see {@link EventHash}. */
    static final String C_HASH = "h";
    static final String C_PREVIOUS_HASH = "hp";
    static final String C_FINGERPRINTS = "hf";

    // The counters collection: the shared counter of global indexes, and facts about the store as a whole.
    static final String COUNTER_ID = "events";
    static final String COUNTER_VALUE = "next";
    static final String FORMAT_ID = "format";
    /** In the format document: the first global index whose event was written with a hash. */
    static final String HASHED_FROM = "hashedFrom";

    /** The fields that tell whether a document commits its append: its append, or that it is a tombstone. */
    static final Document STATE_FIELDS = new Document(C_APPEND, 1).append(TOMBSTONE, 1);

    private EventSchema() {
    }

    /** See {@link MongoEventStorageEngine#key(String, long)}. */
    static String key(String aggregateIdentifier, long sequenceNumber) {
        return aggregateIdentifier + "#" + sequenceNumber;
    }

    /**
     * The first and last index of the append of the event at {@code index}, as one long: how far the first lies below
     * the index in the high 32 bits, how far the last lies above it in the low 32 (an append of 2^31 events would not
     * fit in memory).
     */
    static long range(long index, long first, long last) {
        return (index - first) << 32 | (last - index);
    }

    static boolean isTombstone(Document document) {
        return Boolean.TRUE.equals(document.getBoolean(TOMBSTONE));
    }

    /** The append an event belongs to; none for a tombstone. */
    static Long appendOf(Document document) {
        return (Long) document.get(C_APPEND);
    }

    static long firstOf(Document document) {
        return document.getLong(ID) - (document.getLong(C_RANGE) >>> 32);
    }

    static long lastOf(Document document) {
        return document.getLong(ID) + (document.getLong(C_RANGE) & 0xFFFF_FFFFL);
    }

    static Instant timestampOf(Document document) {
        return Instant.ofEpochMilli(document.getLong(C_TIMESTAMP));
    }

    /** The sequence number of an event, read from its key. */
    static long sequenceOf(Document document) {
        String key = document.getString(KEY);
        return Long.parseLong(key, key.lastIndexOf('#') + 1, key.length(), 10);
    }

    /**
     * What settles a global index without an event. Its key and event identifier are the index itself, which no
     * event has, so tombstones never hold an aggregate sequence.
     */
    static Document tombstone(long index) {
        return new Document(ID, index).append(FIRST, index).append(LAST, index)
                                      .append(KEY, "~" + index).append(EVENT_IDENTIFIER, "~" + index)
                                      .append(TOMBSTONE, true)
                                      .append(TIMESTAMP, Date.from(GenericEventMessage.clock.instant()));
    }

    /** An event as an append writes it, before it is given its {@code _id} and append. */
    static AppendedEvent toAppendedEvent(EventMessage<?> event, Serializer serializer) {
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        SerializedObject<byte[]> metaData = event.serializeMetaData(serializer, byte[].class);
        String aggregate;
        long sequence;
        String type;
        if (event instanceof DomainEventMessage<?> domainEvent) {
            aggregate = domainEvent.getAggregateIdentifier();
            sequence = domainEvent.getSequenceNumber();
            type = domainEvent.getType();
        } else {
            // As in Axon's JDBC engine: an event without an aggregate is its own single-event stream.
            aggregate = event.getIdentifier();
            sequence = 0L;
            type = null;
        }
        return new AppendedEvent(aggregate, sequence, event.getIdentifier(), type, event.getTimestamp().toEpochMilli(),
                                 payload.getType().getName(), payload.getType().getRevision(), payload.getData(),
                                 metaData.getData());
    }

    /** A snapshot, with every field spelled out, stored under {@code _id} = its aggregate. */
    static Document snapshotDocument(DomainEventMessage<?> snapshot, Serializer serializer) {
        SerializedObject<byte[]> payload = snapshot.serializePayload(serializer, byte[].class);
        SerializedObject<byte[]> metaData = snapshot.serializeMetaData(serializer, byte[].class);
        String aggregateIdentifier = snapshot.getAggregateIdentifier();
        return new Document(ID, aggregateIdentifier)
                .append(KEY, key(aggregateIdentifier, snapshot.getSequenceNumber()))
                .append(AGGREGATE_IDENTIFIER, aggregateIdentifier)
                .append(SEQUENCE_NUMBER, snapshot.getSequenceNumber())
                .append(TYPE, snapshot.getType())
                .append(EVENT_IDENTIFIER, snapshot.getIdentifier())
                .append(TIMESTAMP, Date.from(snapshot.getTimestamp()))
                .append(PAYLOAD_TYPE, payload.getType().getName())
                .append(PAYLOAD_REVISION, payload.getType().getRevision())
                // byte[] is written as BSON binary just as Binary is, without Binary's copy of the bytes.
                .append(PAYLOAD, payload.getData())
                .append(META_DATA, metaData.getData());
    }

    /** An event as read from the events collection. */
    static DomainEventData<?> eventData(Document document) {
        String key = document.getString(KEY);
        int separator = key.lastIndexOf('#');
        String aggregateIdentifier = key.substring(0, separator);
        String eventIdentifier = document.getString(EVENT_IDENTIFIER);
        return new StoredEvent(document.getString(C_TYPE),
                               eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                               Long.parseLong(key, separator + 1, key.length(), 10),
                               eventIdentifier,
                               Instant.ofEpochMilli(document.getLong(C_TIMESTAMP)),
                               document.getString(C_PAYLOAD_TYPE),
                               document.getString(C_PAYLOAD_REVISION),
                               bytes(document, C_PAYLOAD),
                               bytes(document, C_META_DATA));
    }

    /** A snapshot as read from the snapshots collection. */
    static DomainEventData<?> snapshotData(Document document) {
        String aggregateIdentifier = document.getString(AGGREGATE_IDENTIFIER);
        String eventIdentifier = document.getString(EVENT_IDENTIFIER);
        return new StoredEvent(document.getString(TYPE),
                               eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                               document.getLong(SEQUENCE_NUMBER),
                               eventIdentifier,
                               document.getDate(TIMESTAMP).toInstant(),
                               document.getString(PAYLOAD_TYPE),
                               document.getString(PAYLOAD_REVISION),
                               bytes(document, PAYLOAD),
                               bytes(document, META_DATA));
    }

    private static byte[] bytes(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Binary binary ? binary.getData() : (byte[]) value;
    }

    /**
     * An event as read, with its timestamp kept as the instant it is. Axon's {@code GenericDomainEventEntry} keeps it
     * as text, formatted when made and parsed again at every {@code getTimestamp()}, which a rebuild of the read models
     * calls for every event.
     */
    private record StoredEvent(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
                               Instant timestamp, String payloadType, String payloadRevision, byte[] payload,
                               byte[] metaData) implements DomainEventData<byte[]> {

        @Override
        public String getType() {
            return type;
        }

        @Override
        public String getAggregateIdentifier() {
            return aggregateIdentifier;
        }

        @Override
        public long getSequenceNumber() {
            return sequenceNumber;
        }

        @Override
        public String getEventIdentifier() {
            return eventIdentifier;
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }

        @Override
        public SerializedObject<byte[]> getMetaData() {
            return new SerializedMetaData<>(metaData, byte[].class);
        }

        @Override
        public SerializedObject<byte[]> getPayload() {
            return new SimpleSerializedObject<>(payload, byte[].class, payloadType, payloadRevision);
        }
    }
}
