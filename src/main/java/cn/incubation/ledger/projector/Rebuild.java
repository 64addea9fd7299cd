package cn.incubation.ledger.projector;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Rebuilds new generations of one or more projections from the first event in one pass over the event stream: every
 * event is read once and handed to each of them. The writes of many events are merged in memory per document and
 * flushed together ({@code flushEvery} events at a time): a document not written before is inserted whole, one
 * written before is read back and replaced once per flush. So a document touched by thousands of events is written a
 * few times instead of once per live batch, which is what makes a rebuild fast on a database that rewrites a document
 * on each update. Documents of collections the projection keeps in memory ({@link Projection#keptInMemory}) are
 * written once, at the end (or sooner, past {@code keepAtMost} of them). Reading, handling and writing overlap, and
 * use every core: a reader thread reads and deserialises the events ahead of the handling; the events are handed on
 * in chunks, each projection handling a chunk on a pool thread while the others handle it on theirs; and the writes
 * of one flush go to the database on writer threads, one projection's writes beside another's, while the next events
 * are handled (at most one flush in flight).
 * <p>
 * None of this is journaled, and the writes do not wait for the disk ({@code j: false}): the generations are
 * invisible to queries until they take over, so a rebuild that is interrupted (a crash, a pause) starts again from the
 * first event on empty collections. When the stream has nothing more, each generation's processor gets the token
 * reached as its start (see {@link BatchJournal#writeStart}), and follows the stream from there and
 * takes over once caught up.
 */
final class Rebuild extends Worker {

    private static final Logger log = LoggerFactory.getLogger(Rebuild.class);
    /** Events the reader may read ahead of the handling. */
    private static final int READ_AHEAD = 10_000;
    /** Events handed to the projections at a time; each handles them on a thread of the pool. */
    private static final int CHUNK = 1_000;

    /** One projection's generation being rebuilt. */
    record Target(Projection projection, int generation, ProjectionStore store) {

        String name() {
            return projection.name();
        }
    }

    private final List<Target> targets;
    private final EventStore eventStore;
    private final int flushEvery;
    /** Documents of one collection that one task of a flush writes at most: a quarter of {@code flushEvery}. */
    private final int writePart;
    /** Documents a projection keeps in memory at most before a flush writes them too (see {@link Generation}). */
    private final int keepAtMost;
    private final LongSupplier head;
    private final Consumer<Target> clear;
    private final BiConsumer<Target, TrackingToken> onBuilt;
    private final Function<Target, ProjectionHandler> handlers;

    private volatile long position = -1;
    private volatile long processed;
    private List<Future<?>> writing = List.of();

    /**
     * @param keepAtMost documents of collections kept in memory ({@link Projection#keptInMemory}) that a projection
     *                   holds at most: past that, the next flush writes them as well and they start afresh
     * @param clear   empties a target's generation (its collections, journal and tokens) before the pass begins
     * @param onBuilt called for each target once its generation holds every event up to the token given (null when
     *                there were none), which journals that token as the start of the generation's processor
     * @param handlers a new handler of a target's projection, parking events in its generation's dead-letter queue
     */
    Rebuild(List<Target> targets, EventStore eventStore,
            int flushEvery, int keepAtMost, LongSupplier head, Consumer<Target> clear,
            BiConsumer<Target, TrackingToken> onBuilt,
            Function<Target, ProjectionHandler> handlers) {
        super(Duration.ofSeconds(5), Duration.ofSeconds(30));
        this.targets = List.copyOf(targets);
        this.eventStore = eventStore;
        this.flushEvery = flushEvery;
        this.writePart = Math.max(1, flushEvery / 4);
        this.keepAtMost = keepAtMost;
        this.head = head;
        this.clear = clear;
        this.onBuilt = onBuilt;
        this.handlers = handlers;
    }

    /** The global index of the last event read; -1 before the first. */
    long position() {
        return position;
    }

    long processed() {
        return processed;
    }

    @Override
    String threadName() {
        return "rebuild-" + String.join("+", targets.stream().map(Target::name).toList());
    }

    @Override
    String failure() {
        return "Rebuild of " + names() + " failed; it starts again from the first event";
    }

    @Override
    boolean attempt() throws InterruptedException {
        build();
        return true;
    }

    private void build() throws InterruptedException {
        position = -1;
        processed = 0;
        writing = List.of();
        List<Generation> generations = new ArrayList<>();
        for (Target target : targets) {
            clear.accept(target);
            generations.add(new Generation(target, handlers.apply(target)));
        }
        int threads = Math.min(generations.size(), Runtime.getRuntime().availableProcessors());
        ExecutorService handlers = pool(threads, "handler");
        ExecutorService writers = pool(threads, "writer");
        try {
            build(generations, handlers, writers);
        } finally {
            handlers.shutdownNow();
            writers.shutdownNow();
        }
    }

    private static ExecutorService pool(int threads, String role) {
        String name = Thread.currentThread().getName() + "-" + role + "-";
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private void build(List<Generation> generations, ExecutorService handlers, ExecutorService writers)
            throws InterruptedException {
        long started = System.nanoTime();
        TrackingToken last = null;
        int pending = 0;
        BlockingQueue<Read> events = new ArrayBlockingQueue<>(READ_AHEAD);
        Thread reader = new Thread(() -> read(events), Thread.currentThread().getName() + "-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            List<TrackedEventMessage<?>> chunk = new ArrayList<>(CHUNK);
            boolean end = false;
            while (running() && !end) {
                Read read = events.take();
                if (read.failure() != null) {
                    throw read.failure();
                }
                end = read.event() == null;
                if (!end) {
                    chunk.add(read.event());
                }
                if (chunk.size() < CHUNK && !end) {
                    continue;
                }
                if (chunk.isEmpty()) {
                    break;
                }
                handle(generations, chunk, handlers);
                last = chunk.get(chunk.size() - 1).trackingToken();
                position = BatchJournal.indexOf(last);
                processed += chunk.size();
                pending += chunk.size();
                chunk = new ArrayList<>(CHUNK);
                if (pending >= flushEvery) {
                    flush(generations, writers, false);
                    pending = 0;
                }
            }
        } finally {
            reader.interrupt();
        }
        if (!running()) {
            return;
        }
        flush(generations, writers, true);
        await(writing);
        for (Generation generation : generations) {
            if (!running()) {
                return;
            }
            onBuilt.accept(generation.target, last);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        log.info("Rebuilt {} from {} events in {} s ({} events/s)", names(), processed, String.format("%.1f", seconds),
                 String.format("%.0f", processed / Math.max(seconds, 1e-9)));
    }

    /** What the reader passes on: the next event, its end (no event), or why it failed. */
    private record Read(TrackedEventMessage<?> event, RuntimeException failure) {
    }

    /**
     * Runs on a thread of its own: reads the stream up to its head and deserialises each event's payload and
     * metadata, so that the handling thread finds them ready.
     */
    private void read(BlockingQueue<Read> events) {
        long read = -1;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (running()) {
                boolean more = stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)
                        || (read < head.getAsLong() && stream.hasNextAvailable(500, TimeUnit.MILLISECONDS));
                if (!more) {
                    events.put(new Read(null, null));
                    return;
                }
                TrackedEventMessage<?> event = stream.nextAvailable();
                event.getPayload();
                event.getMetaData();
                read = BatchJournal.indexOf(event.trackingToken());
                events.put(new Read(event, null));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            try {
                events.put(new Read(null, e));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Has every projection handle the chunk, each on a thread of the pool, and waits until they all have. */
    private static void handle(List<Generation> generations, List<TrackedEventMessage<?>> chunk,
                               ExecutorService handlers) throws InterruptedException {
        if (generations.size() == 1) {
            generations.get(0).handle(chunk);
            return;
        }
        // The slowest so far first: the pool starts it at once and shares the others out while it runs, instead of
        // starting it last and having every other thread wait for it at the end of the chunk.
        List<Generation> slowestFirst = new ArrayList<>(generations);
        slowestFirst.sort(Comparator.comparingLong((Generation g) -> g.handlingNanos).reversed());
        List<Callable<Void>> tasks = new ArrayList<>(generations.size());
        for (Generation generation : slowestFirst) {
            tasks.add(() -> {
                generation.handle(chunk);
                return null;
            });
        }
        await(handlers.invokeAll(tasks));
    }

    /**
     * Hands the writes held so far to the writers, once they have finished the previous flush: one task per part of
     * each projection's collections, the largest first, so that the writers share them out evenly.
     */
    private void flush(List<Generation> generations, ExecutorService writers, boolean last)
            throws InterruptedException {
        List<Write> writes = new ArrayList<>();
        for (Generation generation : generations) {
            writes.addAll(generation.detach(last, writePart, keepAtMost));
        }
        writes.sort(Comparator.comparingInt(Write::documents).reversed());
        await(writing);
        writing = writes.stream().<Future<?>>map(write -> writers.submit(write.task())).toList();
    }

    /** The writes of one part of a collection in one flush. */
    private record Write(int documents, Runnable task) {
    }

    private static void await(List<? extends Future<?>> work) throws InterruptedException {
        for (Future<?> future : work) {
            try {
                future.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
    }

    private String names() {
        return String.join(", ", targets.stream().map(Target::name).toList());
    }

    /** A target's handler, its writes not flushed yet, and the ids of the documents it has written. */
    private final class Generation {
        final Target target;
        final ProjectionHandler handler;
        final Map<String, Set<String>> written = new ConcurrentHashMap<>();
        /**
         * The updates of the collections kept in memory, shared by every batch and written with the last, or sooner
         * once they hold more than {@code keepAtMost} documents.
         */
        final Map<String, Map<String, ProjectionBatch.DocumentUpdate>> kept = new LinkedHashMap<>();
        ProjectionBatch batch;
        /** Time spent handling events so far; read by the thread that hands out chunks, between chunks. */
        long handlingNanos;

        Generation(Target target, ProjectionHandler handler) {
            this.target = target;
            this.handler = handler;
            target.projection().keptInMemory().forEach(c -> kept.put(c, new LinkedHashMap<>()));
            this.batch = new ProjectionBatch(kept);
        }

        /** Runs on a handler thread, one chunk after the other: the only user of the handler and the batch then. */
        void handle(List<TrackedEventMessage<?>> chunk) {
            long started = System.nanoTime();
            for (TrackedEventMessage<?> event : chunk) {
                // A failure parks the event and starts the whole first pass again (see ProjectionHandler).
                try {
                    handler.handle(event, Segment.ROOT_SEGMENT, batch);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException("Rebuild of " + target.name() + " failed at global index "
                                                    + RecordTime.globalIndex(event), e);
                }
                batch.countEvent();
            }
            handlingNanos += System.nanoTime() - started;
        }

        /**
         * Takes the writes held so far, independent of the handler from now on, as tasks that write them, one per
         * collection or per {@code part} documents of one, so that both writers share the 100,000 entities
         * written at the end (the server takes one write of a collection at a time, but each writer makes and encodes
         * its documents beside the other). The updates of collections kept in memory stay behind, unless this is the
         * last flush or they hold more than {@code keepAtMost} documents: then they are written too, and the
         * collections start afresh (a document they wrote is read back and replaced when it changes again).
         */
        List<Write> detach(boolean last, int part, int keepAtMost) {
            ProjectionBatch held = batch;
            if (!last) {
                long keptDocuments = kept.values().stream().mapToLong(Map::size).sum();
                if (keptDocuments <= keepAtMost) {
                    kept.keySet().forEach(held.updates()::remove);
                } else {
                    log.info("Rebuild of {}: {} documents kept in memory, more than {}; this flush writes them too",
                             target.name(), keptDocuments, keepAtMost);
                    kept.replaceAll((collection, documents) -> new LinkedHashMap<>());
                }
                // The handler goes on changing what the suppliers read; after the last event nothing does, and each
                // writer resolves its own part's, the 100,000 entities of regional totals beside the rest.
                held.resolve();
            }
            batch = new ProjectionBatch(kept);
            List<Write> writes = new ArrayList<>();
            held.updates().forEach((collection, updates) -> {
                Set<String> existing = written.computeIfAbsent(collection, c -> ConcurrentHashMap.newKeySet());
                // In id order, each part changes its own run of the store's pages: a commit writes every page
                // changed since the last one whole, and the live processors' claim extensions commit several times
                // a second, so updates in the order they came had the same pages written again and again.
                List<ProjectionBatch.DocumentUpdate> all = new ArrayList<>(updates.values());
                all.sort(Comparator.comparing(ProjectionBatch.DocumentUpdate::id));
                for (int i = 0; i < all.size(); i += part) {
                    List<ProjectionBatch.DocumentUpdate> some = all.subList(i, Math.min(all.size(), i + part));
                    writes.add(new Write(some.size(), () -> write(collection, some, existing)));
                }
            });
            return writes;
        }

        /**
         * Runs on a writer thread, one flush after the other, beside the other parts of the same flush, which hold
         * other documents. Documents not written before are inserted; those written before are read back, changed
         * here and replaced whole (see {@link ProjectionBatch.DocumentUpdate#applyTo}): nothing else writes a
         * generation that is being rebuilt.
         */
        private void write(String collection, Collection<ProjectionBatch.DocumentUpdate> updates,
                           Set<String> existing) {
            long started = System.nanoTime();
            MongoCollection<Document> documents = target.store().collection(collection);
            List<WriteModel<Document>> writes = new ArrayList<>(updates.size());
            List<ProjectionBatch.DocumentUpdate> changed = new ArrayList<>();
            for (ProjectionBatch.DocumentUpdate update : updates) {
                if (update.isEmpty()) {
                    continue;
                }
                if (existing.add(update.id())) {
                    writes.add(new InsertOneModel<>(update.asNewDocument()));
                } else {
                    changed.add(update);
                }
            }
            int inserts = writes.size();
            for (int i = 0; i < changed.size(); i += BatchJournal.WRITE_CHUNK) {
                List<ProjectionBatch.DocumentUpdate> chunk = changed.subList(i, Math.min(changed.size(),
                                                                                         i + BatchJournal.WRITE_CHUNK));
                Map<String, Document> current = new HashMap<>();
                documents.find(Filters.in("_id", chunk.stream().map(ProjectionBatch.DocumentUpdate::id).toList()))
                         .forEach(d -> current.put(d.getString("_id"), d));
                for (ProjectionBatch.DocumentUpdate update : chunk) {
                    Document document = current.get(update.id());
                    if (document == null) {
                        throw new IllegalStateException("Rebuild of " + target.name() + ": document " + update.id()
                                                        + " of " + collection + " was written and is gone");
                    }
                    writes.add(new ReplaceOneModel<>(Filters.eq("_id", update.id()), update.applyTo(document)));
                }
            }
            // Acknowledged without waiting for the disk (j: false): a first pass cut short starts over anyway, and
            // the generation's journal entry, written after the pass with the usual write concern, takes every write
            // before it to the disk.
            BatchJournal.bulkWrite(documents.withWriteConcern(documents.getWriteConcern().withJournal(false)), writes);
            log.debug("Rebuild of {}: {} documents of {} written in {} ms ({} inserted, {} replaced; {} in all)",
                      target.name(), writes.size(), collection, (System.nanoTime() - started) / 1_000_000, inserts,
                      writes.size() - inserts, existing.size());
        }
    }
}
