package cn.incubation.ledger.projector;

import cn.incubation.ledger.eventstore.MongoEventStorageEngine;
import cn.incubation.ledger.shared.LedgerRejection;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs every projection, each in its active generation of collections, and rebuilds them on request: a {@link Rebuild}
 * fills new generations from the first event in one pass over the stream while queries keep reading the active ones;
 * a {@link Projector} then follows the stream for each new generation, which takes over when it has caught up with
 * the head; the old generation's collections are then dropped.
 */
@Service
public class ProjectionService implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProjectionService.class);

    private final Map<String, Projection> projections = new LinkedHashMap<>();
    private final MongoDatabase database;
    private final MongoCollection<Document> state;
    private final MongoCollection<Document> journal;
    private final EventStore eventStore;
    private final MongoEventStorageEngine engine;
    private final Serializer serializer;
    private final int batchSize;
    private final int rebuildFlush;
    private final int rebuildKeep;
    private final Duration linger;
    private final Map<String, Projector> active = new ConcurrentHashMap<>();
    /** Generations that have had their first pass and now follow the stream until they take over. */
    private final Map<String, Projector> rebuilding = new ConcurrentHashMap<>();
    /** Generations in their first pass, by projection name. */
    private final Map<String, Rebuild> firstPass = new ConcurrentHashMap<>();
    private final DeadLetters letters;
    private volatile boolean running;
    private volatile boolean paused;

    /** A lag up to this many events is worked out exactly, leaving out tombstones; a larger one is an estimate. */
    static final int EXACT_LAG = 1_000;

    public ProjectionService(List<Projection> projections, MongoDatabase database, EventStore eventStore,
                             MongoEventStorageEngine engine,
                             Serializer serializer, MeterRegistry meters, Clock clock,
                             @Value("${ledger.projections.batch-size:5000}") int batchSize,
                             @Value("${ledger.projections.rebuild-flush:100000}") int rebuildFlush,
                             @Value("${ledger.projections.rebuild-keep:250000}") int rebuildKeep,
                             @Value("${ledger.projections.linger:100ms}") Duration linger) {
        projections.forEach(p -> this.projections.put(p.name(), p));
        this.database = database;
        this.state = database.getCollection("projection_state");
        this.journal = database.getCollection("projection_journal");
        this.eventStore = eventStore;
        this.engine = engine;
        this.serializer = serializer;
        this.batchSize = batchSize;
        this.rebuildFlush = rebuildFlush;
        this.rebuildKeep = rebuildKeep;
        this.linger = linger;
        this.letters = new DeadLetters(database.getCollection(DeadLetters.COLLECTION), meters, clock);
        for (String name : this.projections.keySet()) {
            Gauge.builder("ledger.projection.position", () -> position(active.get(name)))
                 .tag("projection", name).description("global index the projection has applied").register(meters);
            Gauge.builder("ledger.projection.lag", () -> lag(position(active.get(name)), head()))
                 .tag("projection", name).description("events the projection is behind the head").register(meters);
            Gauge.builder("ledger.projection.dead.letters", () -> parkedEvents(active.get(name)))
                 .tag("projection", name).description("events the active generation has parked").register(meters);
        }
    }

    /**
     * Where a projection stands: what it has applied, the head, the events it has parked, and the rebuild if one runs
     * (with the events the rebuilt generation has parked so far). {@code state} is {@code DEGRADED} while the active
     * generation has parked events: its answers leave them out.
     */
    public record Status(String name, int generation, State state, long position, long head, long lag,
                         int deadLetters, boolean replaying, Long replayPosition, long replayProcessed,
                         Integer replayDeadLetters) {
    }

    /** {@code OK}: every event applied; {@code DEGRADED}: some parked (see the dead letters). */
    public enum State { OK, DEGRADED }

    /** An event a projection could not apply, and why. */
    public record DeadLetter(long globalIndex, String eventId, String aggregateId, Long sequence, String type,
                             String cause, Long parkedBecauseOf, java.time.Instant parkedAt) {
    }

    @Override
    public synchronized void start() {
        List<Rebuild.Target> interrupted = new ArrayList<>();
        for (Projection projection : projections.values()) {
            Document doc = state.find(Filters.eq("_id", projection.name())).first();
            int generation = doc == null ? 1 : doc.getInteger("active");
            if (doc == null) {
                saveState(projection.name(), generation, null);
            }
            active.put(projection.name(), startProjector(projection, generation));
            Integer building = doc == null ? null : doc.getInteger("building");
            if (building == null) {
                continue;
            }
            if (journal.find(Filters.eq("_id", Projector.journalId(projection, building))).first() != null) {
                log.info("Projection {}: resuming the rebuild of generation {}", projection.name(), building);
                rebuilding.put(projection.name(), startProjector(projection, building));
            } else {
                log.info("Projection {}: the rebuild of generation {} stopped in its first pass; it starts again",
                         projection.name(), building);
                interrupted.add(target(projection, building));
            }
        }
        if (!interrupted.isEmpty()) {
            startRebuild(interrupted);
        }
        running = true;
    }

    /**
     * Not synchronized: a projector about to take over in {@code idle} waits for the lock that stop would hold while
     * it waits for that projector to end.
     */
    @Override
    public void stop() {
        running = false;
        stopFirstPasses();
        rebuilding.values().forEach(Projector::stop);
        active.values().forEach(Projector::stop);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    public List<Status> status() {
        List<Status> statuses = new ArrayList<>();
        for (String name : projections.keySet()) {
            statuses.add(status(name));
        }
        return statuses;
    }

    public Status status(String name) {
        requireKnown(name);
        long head = head();
        Projector current = active.get(name);
        Projector rebuild = rebuilding.get(name);
        Rebuild pass = firstPass.get(name);
        long position = position(current);
        Long replayPosition = rebuild != null ? Long.valueOf(rebuild.position())
                : pass != null ? Long.valueOf(pass.position()) : null;
        long replayProcessed = rebuild != null ? rebuild.processed() : pass != null ? pass.processed() : 0;
        Integer replayLetters = rebuild != null ? Integer.valueOf(rebuild.parkedEvents())
                : pass != null ? Integer.valueOf(pass.parkedEvents(name)) : null;
        int parked = parkedEvents(current);
        return new Status(name, current == null ? 0 : current.generation(), parked > 0 ? State.DEGRADED : State.OK,
                          position, head, lag(position, head), parked, replayPosition != null, replayPosition,
                          replayProcessed, replayLetters);
    }

    /**
     * Stops every projector, keeping its position, while a bulk load runs: the load then has the database to itself,
     * and the projections catch up afterwards in full batches, which merge many more changes per document.
     */
    public synchronized void pause() {
        stopFirstPasses();
        rebuilding.values().forEach(Projector::stop);
        active.values().forEach(Projector::stop);
        paused = true;
        log.info("Projections paused");
    }

    /** Starts the projectors again from where they stopped. */
    public synchronized void resume() {
        if (!paused) {
            return;
        }
        active.replaceAll((name, p) -> startProjector(p.projection(), p.generation()));
        rebuilding.replaceAll((name, p) -> startProjector(p.projection(), p.generation()));
        // A first pass keeps nothing it could resume from: those that had not finished start again, together.
        List<Rebuild.Target> unfinished = new ArrayList<>();
        firstPass.forEach((name, pass) -> pass.targets().stream().filter(t -> t.name().equals(name))
                                              .forEach(unfinished::add));
        firstPass.clear();
        if (!unfinished.isEmpty()) {
            startRebuild(unfinished);
        }
        paused = false;
        log.info("Projections resumed");
    }

    /** The events the active generation of a projection has parked, in stream order, at most {@code limit}. */
    public List<DeadLetter> deadLetters(String name, int limit) {
        requireKnown(name);
        Projector current = active.get(name);
        if (current == null) {
            return List.of();
        }
        return letters.list(name, current.generation(), limit).stream()
                      .map(l -> new DeadLetter(l.globalIndex(), l.eventId(), l.aggregateId(), l.sequence(), l.type(),
                                               l.cause(), l.after(), l.parkedAt()))
                      .toList();
    }

    /**
     * Handles a projection's parked events again, after their cause was fixed: a rebuild, in which every event is
     * handled in order, those that fail again parked anew. Refused when nothing is parked.
     */
    public Status retryDeadLetters(String name) {
        requireKnown(name);
        if (parkedEvents(active.get(name)) == 0) {
            throw LedgerRejection.conflict("projection", name, "has no parked events to retry");
        }
        return replay(name);
    }

    /** Starts rebuilding a projection from the first event into a new generation. */
    public Status replay(String name) {
        return replay(List.of(name)).get(0);
    }

    /**
     * Starts rebuilding the named projections (all of them when the list is empty) from the first event into new
     * generations, in one pass over the events. Nothing starts when any of them is unknown or already rebuilding.
     */
    public synchronized List<Status> replay(List<String> names) {
        List<String> chosen = names.isEmpty() ? List.copyOf(projections.keySet()) : List.copyOf(names);
        for (String name : chosen) {
            requireKnown(name);
            if (rebuilding.containsKey(name) || firstPass.containsKey(name)) {
                throw LedgerRejection.conflict("projection", name,
                                               "is already being rebuilt; see GET /api/projections");
            }
        }
        List<Rebuild.Target> targets = new ArrayList<>();
        for (String name : new LinkedHashSet<>(chosen)) {
            int generation = active.get(name).generation() + 1;
            saveState(name, active.get(name).generation(), generation);
            targets.add(target(projections.get(name), generation));
            log.info("Projection {}: rebuilding from the first event into generation {}", name, generation);
        }
        startRebuild(targets);
        return targets.stream().map(t -> status(t.name())).toList();
    }

    /** The collection queries read: the active generation's. */
    public MongoCollection<Document> collection(String projection, String base) {
        Projector current = active.get(projection);
        int generation = current == null ? 1 : current.generation();
        return database.getCollection(collectionName(base, generation));
    }

    /**
     * Waits until every projection has applied every event acknowledged before the call (each has since found
     * nothing more to read) and no rebuild is running; false on timeout.
     */
    public boolean awaitCaughtUp(Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean all = projections.keySet().stream()
                                     .allMatch(n -> active.get(n) != null && active.get(n).idleSince() > start
                                             && !rebuilding.containsKey(n) && !firstPass.containsKey(n));
            if (all) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    public long head() {
        return Projector.indexOf(eventStore.createHeadToken());
    }

    /** Several projections share one first pass: stop each pass once. */
    private void stopFirstPasses() {
        new HashSet<>(firstPass.values()).forEach(Rebuild::stop);
    }

    private Rebuild.Target target(Projection projection, int generation) {
        return new Rebuild.Target(projection, generation, store(generation));
    }

    private ProjectionStore store(int generation) {
        return base -> database.getCollection(collectionName(base, generation));
    }

    private void startRebuild(List<Rebuild.Target> targets) {
        Rebuild rebuild = new Rebuild(targets, journal, eventStore, serializer, rebuildFlush, rebuildKeep, this::head,
                                      t -> dropGeneration(t.projection(), t.generation()), this::firstPassDone,
                                      letters);
        targets.forEach(t -> firstPass.put(t.name(), rebuild));
        rebuild.start();
    }

    /**
     * A generation has had its first pass: it follows the stream from there and takes over when caught up. Not
     * synchronized: {@link #pause()} holds the lock while it waits for the first pass to stop, and the pass calls
     * this before it stops.
     */
    private void firstPassDone(Rebuild.Target target) {
        rebuilding.put(target.name(), startProjector(target.projection(), target.generation()));
        firstPass.remove(target.name());
    }

    private Projector startProjector(Projection projection, int generation) {
        ProjectionStore store = store(generation);
        Projector projector = new Projector(projection, generation, store, journal, eventStore, serializer, batchSize,
                                            linger, this::idle, letters);
        projector.start();
        return projector;
    }

    /** Called by a projector that found no more events: a rebuild that got there takes over. */
    private synchronized void idle(Projector projector) {
        String name = projector.projection().name();
        Projector current = active.get(name);
        if (rebuilding.get(name) != projector || (current != null && projector.position() < current.position())) {
            return;
        }
        Projector old = active.put(name, projector);
        rebuilding.remove(name);
        saveState(name, projector.generation(), null);
        log.info("Projection {}: generation {} caught up at {} and took over", name, projector.generation(),
                 projector.position());
        if (old != null) {
            Thread cleanup = new Thread(() -> {
                old.stop();
                dropGeneration(old.projection(), old.generation());
                letters.drop(name, old.generation());
            }, "projection-cleanup-" + name);
            cleanup.setDaemon(true);
            cleanup.start();
        }
    }

    private void dropGeneration(Projection projection, int generation) {
        Set<String> existing = database.listCollectionNames().into(new HashSet<>());
        for (String base : projection.collections()) {
            if (existing.contains(collectionName(base, generation))) {
                database.getCollection(collectionName(base, generation)).drop();
            }
        }
        journal.deleteOne(Filters.eq("_id", Projector.journalId(projection, generation)));
    }

    private void saveState(String name, int generation, Integer building) {
        state.replaceOne(Filters.eq("_id", name),
                         new Document("_id", name).append("active", generation).append("building", building),
                         new ReplaceOptions().upsert(true));
    }

    private Projection requireKnown(String name) {
        Projection projection = projections.get(name);
        if (projection == null) {
            throw LedgerRejection.notFound("projection", name, "is not a projection; known: " + projections.keySet());
        }
        return projection;
    }

    private static long position(Projector projector) {
        return projector == null ? -1 : projector.position();
    }

    /**
     * The events a projection at {@code position} has still to apply: the indexes up to the head, less those that
     * hold a tombstone (a failed append, a gap given up), which will never be delivered. Exact up to
     * {@link #EXACT_LAG} behind; further behind, every index counts.
     */
    private long lag(long position, long head) {
        long behind = Math.max(0, head - position);
        if (behind == 0 || behind > EXACT_LAG) {
            return behind;
        }
        List<Long> indexes = new ArrayList<>((int) behind);
        for (long index = position + 1; index <= head; index++) {
            indexes.add(index);
        }
        return behind - engine.tombstonesAt(indexes);
    }

    private static int parkedEvents(Projector projector) {
        return projector == null ? 0 : projector.parkedEvents();
    }

    static String collectionName(String base, int generation) {
        return base + "_g" + generation;
    }
}
