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
        Document document = new Document(MongoEventStorageEngine.ID, index)
                .append(MongoEventStorageEngine.KEY,
                        MongoEventStorageEngine.key(event.getAggregateIdentifier(), event.getSequenceNumber()))
                .append(MongoEventStorageEngine.EVENT_IDENTIFIER, event.getIdentifier())
                .append(MongoEventStorageEngine.C_TYPE, event.getType())
                .append(MongoEventStorageEngine.C_TIMESTAMP, event.getTimestamp().toEpochMilli())
                .append(MongoEventStorageEngine.C_PAYLOAD_TYPE, payload.getType().getName());
        if (payload.getType().getRevision() != null) {
            document.append(MongoEventStorageEngine.C_PAYLOAD_REVISION, payload.getType().getRevision());
        }
        return document.append(MongoEventStorageEngine.C_PAYLOAD, new Binary(payload.getData()))
                       .append(MongoEventStorageEngine.C_META_DATA, new Binary(metaData.getData()))
                       .append(MongoEventStorageEngine.C_APPEND, append)
                       .append(MongoEventStorageEngine.C_RANGE, MongoEventStorageEngine.range(index, first, last));
    }
}
