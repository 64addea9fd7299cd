package cn.incubation.ledger.projector;

import cn.incubation.ledger.mongo.MongoInserts;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.bson.Document;
import org.bson.types.Binary;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The commit point of a projection's batches, without transactions: one journal document per processor segment holds
 * the number of its last batch, the token after it and the batch's merged writes. Writing it commits the batch; the
 * writes are then applied to the documents that do not carry the batch's number yet (a field per segment), and
 * applied again when the segment is next claimed, on this node or another, so each batch takes effect exactly once
 * whatever fails when. A journal document is replaced only over the batch it expects, so of two nodes that both
 * believe they hold a segment, one commits and the other fails.
 */
final class BatchJournal {

    /** The guard field of segment 0 (and of every document the runner before segments wrote). */
    static final String BATCH_FIELD = "_b";
    static final int WRITE_CHUNK = 1000;

    private final MongoCollection<Document> journal;
    private final Serializer serializer;

    BatchJournal(MongoCollection<Document> journal, Serializer serializer) {
        this.journal = journal;
        this.serializer = serializer;
    }

    /** A segment's last committed batch, or the start a rebuild left for every segment. */
    record Entry(long batch, TrackingToken token, List<Document> updates) {
    }

    static String segmentId(String processor, int segment) {
        return processor + "|" + segment;
    }

    /** Where a rebuild's first pass left its generation: the token every segment starts from. */
    static String startId(String processor) {
        return processor + "|start";
    }

    /** The one entry per generation that the runner before processors journaled, guarded by segment 0's field. */
    static String legacyId(String projection, int generation) {
        return projection + "|g" + generation;
    }

    /** The guard field of one segment's batch numbers. */
    static String guardField(int segment) {
        return segment == 0 ? BATCH_FIELD : BATCH_FIELD + segment;
    }

    Entry find(String id) {
        Document document = journal.find(Filters.eq("_id", id)).first();
        if (document == null) {
            return null;
        }
        return new Entry(document.get("batch", Number.class).longValue(), deserialize(document),
                         document.getList("updates", Document.class, List.of()));
    }

    /** Records where a rebuild's first pass ended; every segment starts there, at batch {@code batch}. */
    void writeStart(String processor, long batch, TrackingToken token) {
        journal.replaceOne(Filters.eq("_id", startId(processor)), document(startId(processor), batch, token, List.of()),
                           new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }

    /**
     * Commits a segment's batch: replaces the entry of batch {@code batch - 1} (or creates the first), and fails when
     * another node committed in between.
     *
     * @return false when the segment's journal was not at {@code batch - 1}: someone else holds the segment
     */
    boolean commit(String id, long batch, TrackingToken token, List<Document> updates, boolean first) {
        Document entry = document(id, batch, token, updates);
        if (first) {
            return MongoInserts.insertUnlessTaken(journal, entry);
        }
        return journal.replaceOne(Filters.and(Filters.eq("_id", id), Filters.eq("batch", batch - 1)), entry)
                      .getMatchedCount() == 1;
    }

    void deleteOf(String processor, Set<Integer> segments) {
        List<Object> ids = new ArrayList<>();
        segments.forEach(s -> ids.add(segmentId(processor, s)));
        ids.add(startId(processor));
        journal.deleteMany(Filters.in("_id", ids));
    }

    private Document document(String id, long batch, TrackingToken token, List<Document> updates) {
        Document document = new Document("_id", id).append("batch", batch);
        if (token != null) {
            SerializedObject<byte[]> serialized = serializer.serialize(token, byte[].class);
            document.append("tokenType", serialized.getType().getName())
                    .append("token", new Binary(serialized.getData()));
        }
        return document.append("updates", updates);
    }

    private TrackingToken deserialize(Document entry) {
        Binary token = entry.get("token", Binary.class);
        if (token == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(
                token.getData(), byte[].class, new SimpleSerializedType(entry.getString("tokenType"), null)));
    }

    /**
     * Applies a batch's updates to the documents that do not carry it yet. The guard is read first and the write
     * names only {@code _id}: the embedded server serves a query from an index only when the query names exactly the
     * index's fields, so a guard in the filter would scan the collection for every update. Only the holder of the
     * segment writes its guard field, so nothing can slip in between the read and the write.
     */
    static void apply(ProjectionStore store, long number, int segment, List<Document> updates) {
        String guard = guardField(segment);
        Map<String, List<Document>> byCollection = new LinkedHashMap<>();
        for (Document update : updates) {
            byCollection.computeIfAbsent(update.getString("c"), c -> new ArrayList<>()).add(update);
        }
        byCollection.forEach((collection, pending) -> {
            MongoCollection<Document> documents = store.collection(collection);
            Set<Object> done = alreadyApplied(documents, pending, number, guard);
            List<WriteModel<Document>> writes = new ArrayList<>();
            for (Document update : pending) {
                if (!done.contains(update.get("id"))) {
                    writes.add(new UpdateOneModel<>(new Document("_id", update.get("id")),
                                                    change(update, number, guard), new UpdateOptions().upsert(true)));
                }
            }
            bulkWrite(documents, writes);
        });
    }

    private static Set<Object> alreadyApplied(MongoCollection<Document> documents, List<Document> updates,
                                              long number, String guard) {
        Set<Object> done = new HashSet<>();
        for (int i = 0; i < updates.size(); i += WRITE_CHUNK) {
            List<Object> ids = new ArrayList<>();
            updates.subList(i, Math.min(updates.size(), i + WRITE_CHUNK)).forEach(u -> ids.add(u.get("id")));
            for (Document existing : documents.find(new Document("_id", new Document("$in", ids)))
                                              .projection(new Document(guard, 1))) {
                Number applied = existing.get(guard, Number.class);
                if (applied != null && applied.longValue() >= number) {
                    done.add(existing.get("_id"));
                }
            }
        }
        return done;
    }

    /** Writes in unordered bulk writes of {@link #WRITE_CHUNK} documents. */
    static void bulkWrite(MongoCollection<Document> documents, List<WriteModel<Document>> writes) {
        for (int i = 0; i < writes.size(); i += WRITE_CHUNK) {
            documents.bulkWrite(writes.subList(i, Math.min(writes.size(), i + WRITE_CHUNK)),
                                new BulkWriteOptions().ordered(false));
        }
    }

    /** The update operators of a journaled document update, stamped with its batch number. */
    static Document change(Document update, long number) {
        return change(update, number, BATCH_FIELD);
    }

    static Document change(Document update, long number, String guard) {
        Document set = new Document(guard, number);
        for (Document s : update.getList("set", Document.class)) {
            set.put(s.getString("f"), s.get("v"));
        }
        Document change = new Document("$set", set);
        List<Document> incs = update.getList("inc", Document.class);
        if (!incs.isEmpty()) {
            Document inc = new Document();
            incs.forEach(i -> inc.put(i.getString("f"), i.get("v")));
            change.append("$inc", inc);
        }
        List<Document> pushes = update.getList("push", Document.class);
        if (!pushes.isEmpty()) {
            Document push = new Document();
            pushes.forEach(p -> push.put(p.getString("f"), new Document("$each", p.get("v"))));
            change.append("$push", push);
        }
        return change;
    }

    /** The batch's updates as journal entries. */
    static List<Document> updatesOf(ProjectionBatch batch) {
        List<Document> updates = new ArrayList<>();
        batch.updates().forEach((collection, documents) -> documents.values().forEach(update -> {
            if (!update.isEmpty()) {
                updates.add(update.toJournal(collection));
            }
        }));
        return updates;
    }

    static long indexOf(TrackingToken token) {
        if (token instanceof GapAwareTrackingToken gap) {
            return gap.getIndex();
        }
        return token == null ? -1 : token.position().orElse(-1);
    }
}
