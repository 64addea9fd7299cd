package cn.incubation.ledger.projector;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows the event stream for one generation of one projection, in batches. Each batch ends in one journal document
 * that holds the batch's writes and the token after it: that single write is the batch's commit point. The writes are
 * then applied, each guarded by the batch number, and applied again after a restart, so every batch takes effect
 * exactly once whatever fails when. Axon's tracking processor stores its token in a step of its own, which is why
 * the ledger's projections keep their position here instead.
 */
final class Projector implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Projector.class);
    static final String BATCH_FIELD = "_b";

    private final Projection projection;
    private final int generation;
    private final ProjectionStore store;
    private final MongoCollection<Document> journal;
    private final EventStore eventStore;
    private final Serializer serializer;
    private final int maxBatch;
    private final Consumer<Projector> onIdle;

    private volatile boolean running = true;
    private volatile long position = -1;
    private volatile long processed;
    private volatile long idleSince = Long.MIN_VALUE;
    private long batchNumber;
    private TrackingToken token;
    private Thread thread;

    Projector(Projection projection, int generation, ProjectionStore store, MongoCollection<Document> journal,
              EventStore eventStore, Serializer serializer, int maxBatch, Consumer<Projector> onIdle) {
        this.projection = projection;
        this.generation = generation;
        this.store = store;
        this.journal = journal;
        this.eventStore = eventStore;
        this.serializer = serializer;
        this.maxBatch = maxBatch;
        this.onIdle = onIdle;
    }

    String journalId() {
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

    /** {@link System#nanoTime()} of the last time this projector had applied everything and found nothing new. */
    long idleSince() {
        return idleSince;
    }

    boolean isRunning() {
        return running && thread != null && thread.isAlive();
    }

    synchronized void start() {
        thread = new Thread(this, "projector-" + projection.name() + "-g" + generation);
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void run() {
        while (running) {
            try {
                recover();
                follow();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.error("Projection {} (generation {}) failed; it restarts from its last journal in 1 s",
                          projection.name(), generation, e);
                sleep(1000);
            }
        }
    }

    /** Re-applies the last journaled batch (a no-op when it was applied) and resumes after it. */
    private void recover() {
        projection.open(store);
        Document last = journal.find(Filters.eq("_id", journalId())).first();
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

    private void follow() {
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(token)) {
            while (running) {
                ProjectionBatch batch = new ProjectionBatch();
                TrackingToken last = null;
                boolean more = stream.hasNextAvailable(500, TimeUnit.MILLISECONDS);
                while (more && batch.events() < maxBatch) {
                    TrackedEventMessage<?> event = stream.nextAvailable();
                    projection.handle(event, batch);
                    batch.countEvent();
                    last = event.trackingToken();
                    more = stream.hasNextAvailable(0, TimeUnit.MILLISECONDS);
                }
                if (last != null) {
                    commit(batch, last);
                }
                if (!more) {
                    idleSince = System.nanoTime();
                    onIdle.accept(this);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
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
        SerializedObject<byte[]> serialized = serializer.serialize(last, byte[].class);
        journal.replaceOne(Filters.eq("_id", journalId()),
                           new Document("_id", journalId()).append("batch", number)
                                                           .append("tokenType", serialized.getType().getName())
                                                           .append("token", new Binary(serialized.getData()))
                                                           .append("updates", updates),
                           new ReplaceOptions().upsert(true));
        apply(number, updates);
        batchNumber = number;
        token = last;
        position = indexOf(last);
        processed += batch.events();
    }

    private void apply(long number, List<Document> updates) {
        Map<String, List<WriteModel<Document>>> byCollection = new java.util.LinkedHashMap<>();
        for (Document update : updates) {
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
            byCollection.computeIfAbsent(update.getString("c"), c -> new ArrayList<>())
                        .add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", update.get("id")),
                                                              Filters.lt(BATCH_FIELD, number)),
                                                  change, new UpdateOptions().upsert(true)));
        }
        byCollection.forEach((collection, writes) -> {
            try {
                store.collection(collection).bulkWrite(writes, new BulkWriteOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                for (BulkWriteError error : e.getWriteErrors()) {
                    if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                }
                // A duplicate _id means the guard held: that document already has this batch.
            }
        });
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
