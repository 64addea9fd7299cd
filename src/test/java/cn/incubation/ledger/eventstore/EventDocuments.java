package cn.incubation.ledger.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.types.Binary;

/** Event documents made by hand, for tests that put the store into states an append passes through. */
final class EventDocuments {

    private EventDocuments() {
    }

    /**
     * An event as an append writes it at {@code index} in the append {@code [first..last]} named {@code append}, but
     * without its hash, as events written before hashing are.
     */
    static Document event(DomainEventMessage<?> event, Serializer serializer, long index, long append, long first,
                          long last) {
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        SerializedObject<byte[]> metaData = event.serializeMetaData(serializer, byte[].class);
        Document document = new Document(EventSchema.ID, index)
                .append(EventSchema.KEY,
                        MongoEventStorageEngine.key(event.getAggregateIdentifier(), event.getSequenceNumber()))
                .append(EventSchema.EVENT_IDENTIFIER, event.getIdentifier())
                .append(EventSchema.C_TYPE, event.getType())
                .append(EventSchema.C_TIMESTAMP, event.getTimestamp().toEpochMilli())
                .append(EventSchema.C_PAYLOAD_TYPE, payload.getType().getName());
        if (payload.getType().getRevision() != null) {
            document.append(EventSchema.C_PAYLOAD_REVISION, payload.getType().getRevision());
        }
        return document.append(EventSchema.C_PAYLOAD, new Binary(payload.getData()))
                       .append(EventSchema.C_META_DATA, new Binary(metaData.getData()))
                       .append(EventSchema.C_APPEND, append)
                       .append(EventSchema.C_RANGE, EventSchema.range(index, first, last));
    }
}
