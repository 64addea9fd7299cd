package cn.incubation.ledger.projector;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.bson.Document;
import org.bson.types.Binary;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows the event stream for one generation of one projection, in batches. Each batch ends in one journal document
 * that holds the batch's writes and the token after it: that single write is the batch's commit point. The writes are
 * then applied, each guarded by the batch number, and applied again after a restart, so every batch takes effect
 * exactly once whatever fails when. Axon's tracking processor stores its token in a step of its own, which is why
 * the ledger's projections keep their position here instead.
 */
final class Projector extends Worker {

    static final String BATCH_FIELD = "_b";
    static final int WRITE_CHUNK = 1000;

    private final Projection projection;
    private final int generation;
    private final ProjectionStore store;
    private final MongoCollection<Document> journal;
    private final EventStore eventStore;
    private final Serializer serializer;
    private final int maxBatch;
    private final long lingerNanos;
    private final Consumer<Projector> onIdle;
    private final DeadLetters letters;

    private volatile long position = -1;
    private volatile long processed;
    private volatile long idleSince = Long.MIN_VALUE;
    private long batchNumber;
    private TrackingToken token;
    private Projection.Handler handler;
    private volatile DeadLetters.Guard guard;

    Projector(Projection projection, int generation, ProjectionStore store, MongoCollection<Document> journal,
              EventStore eventStore, Serializer serializer, int maxBatch, Duration linger,
              Consumer<Projector> onIdle, DeadLetters letters) {
        super(Duration.ofSeconds(1), Duration.ofSeconds(10));
        this.projection = projection;
        this.generation = generation;
        this.store = store;
        this.journal = journal;
        this.eventStore = eventStore;
        this.serializer = serializer;
        this.maxBatch = maxBatch;
        this.lingerNanos = linger.toNanos();
        this.onIdle = onIdle;
        this.letters = letters;
    }

    String journalId() {
        return journalId(projection, generation);
    }

    static String journalId(Projection projection, int generation) {
        return projection.name() + "|g" + generation;
    }

    Projection projection() {
        return projection;
    }

    int generation() {
        return generation;
    }

    /** The global index up to which this generation has applied the events; -1 before the first. */
    long position() {
        return position;
    }

    long processed() {
        return processed;
    }

    /** How many events this generation has parked (see {@link DeadLetters}). */
    int parkedEvents() {
        DeadLetters.Guard current = guard;
        return current == null ? 0 : current.parked();
    }

    /** {@link System#nanoTime()} of the last time this projector had applied everything and found nothing new. */
    long idleSince() {
        return idleSince;
    }

    @Override
    String threadName() {
        return "projector-" + projection.name() + "-g" + generation;
    }

    @Override
    String failure() {
        return "Projection " + projection.name() + " (generation " + generation + ") failed; it restarts from its "
                + "last journal";
    }

    /** Follows the stream from the last journal; it returns only once stopped. */
    @Override
    boolean attempt() throws InterruptedException {
        recover();
        follow();
        return true;
    }

    /** Re-applies the last journaled batch (a no-op when it was applied) and resumes after it. */
    private void recover() {
        guard = letters.guard(projection.name(), generation);
        handler = projection.open(store);
        Document last = journal.find(new Document("_id", journalId())).first();
        if (last == null) {
            batchNumber = 0;
            token = null;
            position = -1;
            return;
        }
        batchNumber = last.getLong("batch");
        idleSince = Long.MIN_VALUE;
        token = deserialize(last);
        apply(batchNumber, last.getList("updates", Document.class));
        position = indexOf(token);
    }

    private void follow() throws InterruptedException {
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(token)) {
            while (running()) {
                ProjectionBatch batch = new ProjectionBatch();
                TrackingToken last = null;
                // Taken before the poll: finding nothing proves only that nothing was there when the poll began.
                long pollStarted = System.nanoTime();
                boolean more = stream.hasNextAvailable(500, TimeUnit.MILLISECONDS);
                long first = System.nanoTime();
                while (more && batch.events() < maxBatch) {
                    TrackedEventMessage<?> event = stream.nextAvailable();
                    guard.handle(handler, event, batch);
                    batch.countEvent();
                    last = event.trackingToken();
                    more = stream.hasNextAvailable(0, TimeUnit.MILLISECONDS);
                    long lingering = lingerNanos - (System.nanoTime() - first);
                    if (!more && lingering > 0) {
                        // Live commands come one event at a time; waiting a moment for the next ones spares the
                        // database a journal write and a bulk write per event.
                        more = stream.hasNextAvailable((int) Math.max(1, lingering / 1_000), TimeUnit.MICROSECONDS);
                    }
                }
                if (last != null) {
                    commit(batch, last);
                }
                if (last == null) {
                    idleSince = pollStarted;
                }
                if (!more) {
                    onIdle.accept(this);
                }
            }
        }
    }

    private void commit(ProjectionBatch batch, TrackingToken last) {
        long number = batchNumber + 1;
        List<Document> updates = new ArrayList<>();
        batch.updates().forEach((collection, documents) -> documents.values().forEach(update -> {
            if (!update.isEmpty()) {
                updates.add(update.toJournal(collection));
            }
        }));
        writeJournal(journal, journalId(), number, last, updates, serializer);
        apply(number, updates);
        batchNumber = number;
        token = last;
        position = indexOf(last);
        processed += batch.events();
    }

    /**
     * Applies a batch's updates to the documents that do not carry it yet. The guard is read first and the write
     * names only {@code _id}: the embedded server serves a query from an index only when the query names exactly the
     * index's fields, so a guard in the filter would scan the collection for every update. No one else writes a
     * generation's documents, so nothing can slip in between the read and the write.
     */
    private void apply(long number, List<Document> updates) {
        Map<String, List<Document>> byCollection = new LinkedHashMap<>();
        for (Document update : updates) {
            byCollection.computeIfAbsent(update.getString("c"), c -> new ArrayList<>()).add(update);
        }
        byCollection.forEach((collection, pending) -> {
            MongoCollection<Document> documents = store.collection(collection);
            Set<Object> done = alreadyApplied(documents, pending, number);
            List<WriteModel<Document>> writes = new ArrayList<>();
            for (Document update : pending) {
                if (!done.contains(update.get("id"))) {
                    writes.add(new UpdateOneModel<>(new Document("_id", update.get("id")), change(update, number),
                                                    new UpdateOptions().upsert(true)));
                }
            }
            bulkWrite(documents, writes);
        });
    }

    private static Set<Object> alreadyApplied(MongoCollection<Document> documents, List<Document> updates,
                                              long number) {
        Set<Object> done = new HashSet<>();
        for (int i = 0; i < updates.size(); i += WRITE_CHUNK) {
            List<Object> ids = new ArrayList<>();
            updates.subList(i, Math.min(updates.size(), i + WRITE_CHUNK)).forEach(u -> ids.add(u.get("id")));
            for (Document existing : documents.find(new Document("_id", new Document("$in", ids)))
                                              .projection(new Document(BATCH_FIELD, 1))) {
                Number applied = existing.get(BATCH_FIELD, Number.class);
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

    /** Replaces a generation's journal entry: the batch number, the token after it and its pending writes. */
    static void writeJournal(MongoCollection<Document> journal, String id, long batch, TrackingToken token,
                             List<Document> updates, Serializer serializer) {
        SerializedObject<byte[]> serialized = serializer.serialize(token, byte[].class);
        journal.replaceOne(new Document("_id", id),
                           new Document("_id", id).append("batch", batch)
                                                  .append("tokenType", serialized.getType().getName())
                                                  .append("token", new Binary(serialized.getData()))
                                                  .append("updates", updates),
                           new ReplaceOptions().upsert(true));
    }

    /** The update operators of a journaled document update, stamped with its batch number. */
    static Document change(Document update, long number) {
        Document set = new Document(BATCH_FIELD, number);
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

    private TrackingToken deserialize(Document journalEntry) {
        byte[] data = journalEntry.get("token", Binary.class).getData();
        return serializer.deserialize(new SimpleSerializedObject<>(
                data, byte[].class, new SimpleSerializedType(journalEntry.getString("tokenType"), null)));
    }

    static long indexOf(TrackingToken token) {
        if (token instanceof GapAwareTrackingToken gap) {
            return gap.getIndex();
        }
        return token == null ? -1 : token.position().orElse(-1);
    }
}
