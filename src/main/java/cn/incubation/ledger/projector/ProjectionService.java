package cn.incubation.ledger.projector;

import cn.incubation.ledger.eventstore.EventsByIndex;
import cn.incubation.ledger.eventstore.MongoSequencedDeadLetterQueue;
import cn.incubation.ledger.eventstore.NodeIdentity;
import cn.incubation.ledger.shared.LedgerRejection;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs every projection on Axon's pooled streaming processors, one per generation of its collections, on every node
 * that shares the database; the processors' segments are claimed through the token store, so each event of a
 * generation is handled once, on one node, and a survivor takes over the segments of a node that died. Which
 * generation queries read, and which is being rebuilt, lives in {@code projection_state}, which every node follows
 * (every half second): a rebuild started on any node fills the new generation from the first event in one pass
 * ({@link Rebuild}, on that node) while queries keep reading the active one; the new generation's processor then
 * follows the stream on every node and takes over once it has caught up; the old generation is dropped once no node
 * is reading it.
 */
@Service
public class ProjectionService implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProjectionService.class);
    /** How often each node reads the projections' state and reports what it reads. */
    static final Duration SYNC_EVERY = Duration.ofMillis(500);
    /** A node not heard from for this long is no longer counted among the readers of a generation. */
    static final Duration NODE_SILENT = Duration.ofSeconds(10);
    /** How often a node reports what it reads, and a first pass its progress, when nothing changed. */
    static final Duration REPORT_EVERY = Duration.ofSeconds(2);
    /** A first pass whose node has not reported for this long is started again by another node. */
    static final Duration BUILDER_SILENT = Duration.ofSeconds(30);

    private final Map<String, Projection> projections = new LinkedHashMap<>();
    private final MongoDatabase database;
    private final MongoCollection<Document> state;
    private final MongoCollection<Document> nodes;
    private final BatchJournal journal;
    private final JournalingTokenStore tokens;
    private final MongoTemplate axonMongo;
    private final EventStore eventStore;
    private final DeadLetters letters;
    private final Clock clock;
    private final String node;
    private final ProjectionRun.Settings settings;
    private final ProcessorPositions positions;
    private final int rebuildFlush;
    private final int rebuildKeep;
    /** The generation each projection's queries read on this node. */
    private final Map<String, Integer> reading = new ConcurrentHashMap<>();
    /** This node's processors, by processor name. */
    private final Map<String, ProjectionRun> runs = new ConcurrentHashMap<>();
    /** First passes running on this node, by projection name. */
    private final Map<String, Rebuild> firstPass = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastReport = new ConcurrentHashMap<>();
    private volatile Map<String, Integer> reported = Map.of();
    private ScheduledExecutorService syncer;
    private volatile boolean running;
    private volatile boolean paused;

    public ProjectionService(List<Projection> projections, MongoDatabase database, EventStore eventStore,
                             EventsByIndex engine, TokenStore tokenStore, MongoTemplate axonMongoTemplate,
                             Serializer serializer, MeterRegistry meters, Clock clock, NodeIdentity node,
                             @Value("${ledger.projections.batch-size:5000}") int batchSize,
                             @Value("${ledger.projections.segments:2}") int segments,
                             @Value("${ledger.projections.threads:2}") int threads,
                             @Value("${ledger.projections.rebuild-flush:100000}") int rebuildFlush,
                             @Value("${ledger.projections.rebuild-keep:250000}") int rebuildKeep) {
        projections.forEach(p -> this.projections.put(p.name(), p));
        this.database = database;
        this.state = database.getCollection("projection_state");
        this.nodes = database.getCollection("projection_nodes");
        this.journal = new BatchJournal(database.getCollection("projection_journal"), serializer);
        this.tokens = new JournalingTokenStore(tokenStore);
        this.axonMongo = axonMongoTemplate;
        this.eventStore = eventStore;
        this.clock = clock;
        this.node = node.id();
        this.settings = new ProjectionRun.Settings(Math.max(1, segments), Math.max(1, threads), batchSize, 1000);
        this.positions = new ProcessorPositions(axonMongoTemplate, serializer, engine);
        this.rebuildFlush = rebuildFlush;
        this.rebuildKeep = rebuildKeep;
        this.letters = new DeadLetters(database.getCollection(MongoSequencedDeadLetterQueue.COLLECTION), serializer,
                                       meters);
        for (String name : this.projections.keySet()) {
            Gauge.builder("ledger.projection.position", () -> positions.position(name, generationRead(name)))
                 .tag("projection", name).description("global index the projection has applied").register(meters);
            Gauge.builder("ledger.projection.lag", () -> positions.lag(name, generationRead(name), head()))
                 .tag("projection", name).description("events the projection is behind the head").register(meters);
            Gauge.builder("ledger.projection.dead.letters",
                          () -> letters.count(name, generationRead(name)))
                 .tag("projection", name).description("events the active generation has parked").register(meters);
            // Registered now, at zero, so that a dashboard finds the series before the first failure.
            letters.failures(name);
            Gauge.builder("ledger.projection.rebuild.position", () -> rebuildPosition(name))
                 .tag("projection", name)
                 .description("global index a running rebuild has reached; -1 when none runs").register(meters);
        }
    }

    /**
     * Where a projection stands, the same on every node: what its active generation has applied, the head, the events
     * it has parked, its segments with the node that holds each, and the rebuild if one runs. {@code state} is
     * {@code DEGRADED} while the active generation has parked events: its answers leave them out.
     */
    public record Status(String name, int generation, State state, long position, long head, long lag,
                         int deadLetters, boolean replaying, Long replayPosition, long replayProcessed,
                         Integer replayDeadLetters, List<SegmentClaim> segments) {
    }

    /** One segment of a generation's processor: the node that holds its claim (none when unclaimed) and its position. */
    public record SegmentClaim(int generation, int segment, String owner, Instant claimedAt, long position) {
    }

    /** {@code OK}: every event applied; {@code DEGRADED}: some parked (see the dead letters). */
    public enum State { OK, DEGRADED }

    /** An event a projection could not apply, and why. */
    public record DeadLetter(long globalIndex, String eventId, String aggregateId, Long sequence, String type,
                             String cause, Long parkedBecauseOf, Instant parkedAt) {
    }

    @Override
    public synchronized void start() {
        for (Projection projection : projections.values()) {
            state.updateOne(Filters.eq("_id", projection.name()),
                            Updates.combine(Updates.setOnInsert("active", 1),
                                            Updates.setOnInsert("activeVersion", projection.version())),
                            new UpdateOptions().upsert(true));
        }
        running = true;
        sync();
        rebuildOutdated();
        syncer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "projection-sync");
            thread.setDaemon(true);
            return thread;
        });
        syncer.scheduleWithFixedDelay(this::syncQuietly, SYNC_EVERY.toMillis(), SYNC_EVERY.toMillis(),
                                      TimeUnit.MILLISECONDS);
    }

    /**
     * Starts rebuilding each projection whose active generation an earlier version of its handlers wrote, unless a
     * rebuild runs already (another node may have started it); the outdated generation answers until then.
     */
    private void rebuildOutdated() {
        for (Projection projection : projections.values()) {
            Document doc = state(projection.name());
            int built = doc.getInteger("activeVersion", 1);
            if (built >= projection.version() || doc.get("building") != null) {
                continue;
            }
            log.info("Projection {}: its generation was written by version {} of the projection, this node runs "
                             + "version {}; rebuilding it while the old one answers", projection.name(), built,
                     projection.version());
            try {
                replay(projection.name());
            } catch (LedgerRejection alreadyRebuilding) {
                log.debug("Projection {} is being rebuilt elsewhere", projection.name());
            }
        }
    }

    /** Not synchronized: a sync in progress may hold the lock, and the scheduler is stopped first. */
    @Override
    public void stop() {
        running = false;
        if (syncer != null) {
            // Not interrupted: an interrupt in the middle of a driver call closes its connection.
            syncer.shutdown();
            try {
                if (!syncer.awaitTermination(10, TimeUnit.SECONDS)) {
                    syncer.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopFirstPasses();
        runs.values().forEach(ProjectionRun::stop);
        runs.clear();
        try {
            nodes.deleteOne(Filters.eq("_id", node));
        } catch (RuntimeException e) {
            log.debug("Could not remove node {} from the projections' readers", node, e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (RuntimeException e) {
            log.warn("Could not follow the projections' state: {}", e.toString());
        }
    }

    /**
     * Follows {@code projection_state}: runs the processors of the generations that are active or rebuilt past their
     * first pass and stops the others, lets a caught-up rebuild take over, takes over a first pass whose node went
     * silent, drops generations no node reads any more, and reports what this node reads.
     */
    synchronized void sync() {
        if (!running) {
            return;
        }
        Instant now = clock.instant();
        List<Rebuild.Target> orphaned = new ArrayList<>();
        for (Projection projection : projections.values()) {
            String name = projection.name();
            Document doc = state(name);
            int active = doc.getInteger("active", 1);
            Integer building = doc.getInteger("building");
            Rebuild pass = firstPass.get(name);
            boolean built = building != null && journal.find(BatchJournal.startId(
                    ProjectionRun.processorName(name, building))) != null;
            if (building != null && !built) {
                if (pass != null) {
                    if (reportDue(name, now)) {
                        state.updateOne(Filters.and(Filters.eq("_id", name), Filters.eq("builder", node)),
                                        Updates.combine(Updates.set("builderSeen", now.toEpochMilli()),
                                                        Updates.set("firstPassPosition", pass.position()),
                                                        Updates.set("firstPassProcessed", pass.processed())));
                    }
                } else if (!paused && takeOverFirstPass(doc, now)) {
                    orphaned.add(target(projection, building));
                }
            }
            if (building != null && built && takeOver(name, active, building, doc.getInteger("buildingVersion", 1),
                                                      now)) {
                active = building;
                building = null;
            }
            reading.put(name, active);
            Set<Integer> wanted = new HashSet<>();
            wanted.add(active);
            if (building != null && built) {
                wanted.add(building);
            }
            for (int generation : wanted) {
                String processor = ProjectionRun.processorName(name, generation);
                if (!paused && !runs.containsKey(processor)) {
                    ProjectionRun run = new ProjectionRun(projection, generation, store(generation), journal, letters,
                                                          tokens, eventStore, settingsFor(projection));
                    runs.put(processor, run);
                    run.start();
                    if (generation != active) {
                        // A rebuilt generation may take over as soon as its processor has claimed its segments.
                        syncSoon(Duration.ofMillis(200));
                    }
                }
            }
            runs.values().removeIf(run -> {
                if (run.projection() == projection && !wanted.contains(run.generation())) {
                    run.stop();
                    return true;
                }
                return false;
            });
            Integer retired = doc.getInteger("retired");
            if (retired != null && retired != active && !retired.equals(building)) {
                dropWhenUnread(projection, retired, doc.get("retiredAt", Number.class), now);
            }
        }
        balance(now);
        if (reportDue(node, now) || !reading.equals(reported)) {
            reported = Map.copyOf(reading);
            nodes.replaceOne(Filters.eq("_id", node),
                             new Document("_id", node).append("reads", new Document(new LinkedHashMap<>(reading)))
                                                      .append("seen", now.toEpochMilli()),
                             new ReplaceOptions().upsert(true));
        }
        if (!orphaned.isEmpty()) {
            startRebuild(orphaned);
        }
    }

    /**
     * Shares the segments among the live nodes: a node holding more than its share (all segments of all processors
     * over the nodes, rounded up) releases one per sync, which a node under its share then claims, as Axon's processors
     * claim any segment nobody holds.
     */
    private void balance(Instant now) {
        long alive = now.minus(NODE_SILENT).toEpochMilli();
        int others = 0;
        for (Document other : nodes.find(Filters.ne("_id", node))) {
            if (other.get("seen", Number.class).longValue() >= alive) {
                others++;
            }
        }
        if (others == 0 || runs.isEmpty()) {
            return;
        }
        int total = runs.values().stream().mapToInt(ProjectionRun::segmentCount).sum();
        int share = (total + others) / (others + 1);
        ProjectionRun busiest = null;
        int held = 0;
        int most = 0;
        for (ProjectionRun run : runs.values()) {
            int claimed = run.claimed().size();
            held += claimed;
            if (claimed > most) {
                most = claimed;
                busiest = run;
            }
        }
        if (held > share && busiest != null) {
            int segment = busiest.claimed().iterator().next();
            log.debug("Node {} holds {} of {} segments ({} nodes); releasing segment {} of {}", node, held, total,
                      others + 1, segment, busiest.processorName());
            busiest.release(segment);
        }
    }

    /**
     * Whether it is time to write a report again (this node's reads, a first pass's progress): every
     * {@link #REPORT_EVERY}, not at every sync, since each is an ordinary write, which on the embedded server also
     * commits whatever a first pass has written without waiting for the disk.
     */
    private boolean reportDue(String what, Instant now) {
        Instant last = lastReport.get(what);
        if (last != null && last.plus(REPORT_EVERY).isAfter(now)) {
            return false;
        }
        lastReport.put(what, now);
        return true;
    }

    /** The building generation has caught up with the active one: it becomes active, whichever node sees it first. */
    private boolean takeOver(String name, int active, int building, int version, Instant now) {
        long from = positions.position(name, building);
        long current = positions.position(name, active);
        if (from < current || from < 0 && head() >= 0) {
            return false;
        }
        boolean won = state.updateOne(Filters.and(Filters.eq("_id", name), Filters.eq("active", active),
                                                  Filters.eq("building", building)),
                                      Updates.combine(Updates.set("active", building), Updates.set("building", null),
                                                      Updates.set("activeVersion", version),
                                                      Updates.unset("buildingVersion"),
                                                      Updates.set("retired", active),
                                                      Updates.set("retiredAt", now.toEpochMilli()),
                                                      Updates.unset("builder"), Updates.unset("builderSeen"),
                                                      Updates.unset("firstPassPosition"),
                                                      Updates.unset("firstPassProcessed")))
                           .getModifiedCount() == 1;
        if (won) {
            log.info("Projection {}: generation {} caught up at {} and took over", name, building, from);
        }
        return won || state(name).getInteger("active", 1) == building;
    }

    /** A first pass nobody carries on (its node stopped, or this node restarted) is taken over by this node. */
    private boolean takeOverFirstPass(Document doc, Instant now) {
        String builder = doc.getString("builder");
        Number seen = doc.get("builderSeen", Number.class);
        boolean silent = seen == null || seen.longValue() < now.minus(BUILDER_SILENT).toEpochMilli();
        if (!node.equals(builder) && !silent) {
            return false;
        }
        List<org.bson.conversions.Bson> filter = new ArrayList<>(List.of(
                Filters.eq("_id", doc.getString("_id")), Filters.eq("building", doc.getInteger("building"))));
        filter.add(seen == null ? Filters.exists("builderSeen", false) : Filters.eq("builderSeen", seen));
        boolean won = state.updateOne(Filters.and(filter),
                                      Updates.combine(Updates.set("builder", node),
                                                      Updates.set("builderSeen", now.toEpochMilli())))
                           .getModifiedCount() == 1;
        if (won) {
            log.info("Projection {}: the rebuild of generation {} stopped in its first pass; it starts again here",
                     doc.getString("_id"), doc.getInteger("building"));
        }
        return won;
    }

    /**
     * Drops a retired generation once every node that reports has read the active one since it was retired (a query
     * begun on the old one has had a whole sync to end).
     */
    private void dropWhenUnread(Projection projection, int retired, Number retiredAt, Instant now) {
        long since = (retiredAt == null ? 0 : retiredAt.longValue()) + SYNC_EVERY.toMillis() * 2;
        long alive = now.minus(NODE_SILENT).toEpochMilli();
        for (Document other : nodes.find()) {
            long seen = other.get("seen", Number.class).longValue();
            Document reads = other.get("reads", Document.class);
            Integer generation = reads == null ? null : reads.getInteger(projection.name());
            if (seen >= alive && (seen < since || generation == null || generation == retired)) {
                return;
            }
        }
        clearGeneration(projection, retired, true);
        state.updateOne(Filters.and(Filters.eq("_id", projection.name()), Filters.eq("retired", retired)),
                        Updates.combine(Updates.unset("retired"), Updates.unset("retiredAt")));
        log.info("Projection {}: generation {} dropped; no node reads it", projection.name(), retired);
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
        Document doc = state(name);
        long head = head();
        int active = doc.getInteger("active", 1);
        Integer building = doc.getInteger("building");
        long position = positions.position(name, active);
        int deadLetters = letters.count(name, active);
        Long replayPosition = null;
        long replayProcessed = 0;
        Integer replayLetters = null;
        if (building != null) {
            String processor = ProjectionRun.processorName(name, building);
            Rebuild pass = firstPass.get(name);
            ProjectionRun run = runs.get(processor);
            if (journal.find(BatchJournal.startId(processor)) != null) {
                replayPosition = positions.position(name, building);
            } else if (pass != null) {
                replayPosition = pass.position();
            } else {
                Number reported = doc.get("firstPassPosition", Number.class);
                replayPosition = reported == null ? -1L : reported.longValue();
            }
            replayProcessed = pass != null ? pass.processed() : run != null ? run.processed()
                    : doc.get("firstPassProcessed") instanceof Number n ? n.longValue() : 0;
            replayLetters = letters.count(name, building);
        }
        List<SegmentClaim> claims = new ArrayList<>(positions.claims(name, active));
        if (building != null) {
            claims.addAll(positions.claims(name, building));
        }
        return new Status(name, active, deadLetters > 0 ? State.DEGRADED : State.OK, position, head,
                          positions.lag(name, active, head), deadLetters, building != null, replayPosition, replayProcessed,
                          replayLetters, claims);
    }

    private long rebuildPosition(String name) {
        Status status = status(name);
        return status.replaying() && status.replayPosition() != null ? status.replayPosition() : -1;
    }

    /** Events this node's processors have handled since they started, by processor: the share of the work it did. */
    public Map<String, Long> processedHere() {
        Map<String, Long> processed = new java.util.TreeMap<>();
        runs.forEach((name, run) -> processed.put(name, run.processed()));
        return processed;
    }

    /**
     * Stops this node's processors, keeping their positions, while a bulk load runs: the load then has the database to
     * itself, and the projections catch up afterwards in full batches.
     */
    public synchronized void pause() {
        paused = true;
        stopFirstPasses();
        runs.values().forEach(ProjectionRun::stop);
        runs.clear();
        log.info("Projections paused");
    }

    /** Starts this node's processors again from where they stopped; an unfinished first pass starts again. */
    public synchronized void resume() {
        if (!paused) {
            return;
        }
        paused = false;
        sync();
        log.info("Projections resumed");
    }

    /** The events the active generation of a projection has parked, in stream order, at most {@code limit}. */
    public List<DeadLetter> deadLetters(String name, int limit) {
        requireKnown(name);
        return letters.list(name, state(name).getInteger("active", 1), limit).stream()
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
        if (letters.count(name, state(name).getInteger("active", 1)) == 0) {
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
     * generations, in one pass over the events on this node. Nothing starts when any of them is unknown or already
     * rebuilding, on any node.
     */
    public synchronized List<Status> replay(List<String> names) {
        List<String> chosen = names.isEmpty() ? List.copyOf(projections.keySet()) : List.copyOf(names);
        for (String name : chosen) {
            requireKnown(name);
            Document doc = state(name);
            if (doc.get("building") != null || firstPass.containsKey(name)) {
                throw LedgerRejection.conflict("projection", name,
                                               "is already being rebuilt; see GET /api/projections");
            }
        }
        List<Rebuild.Target> targets = new ArrayList<>();
        long now = clock.instant().toEpochMilli();
        for (String name : new LinkedHashSet<>(chosen)) {
            Document doc = state(name);
            int active = doc.getInteger("active", 1);
            // The next generation after any still being dropped, so that its collections start empty.
            Integer retired = doc.getInteger("retired");
            int generation = Math.max(active, retired == null ? 0 : retired) + 1;
            boolean won = state.updateOne(Filters.and(Filters.eq("_id", name), Filters.eq("building", null)),
                                          Updates.combine(Updates.set("building", generation),
                                                          Updates.set("buildingVersion",
                                                                      projections.get(name).version()),
                                                          Updates.set("builder", node),
                                                          Updates.set("builderSeen", now)))
                               .getModifiedCount() == 1;
            if (!won) {
                throw LedgerRejection.conflict("projection", name, "is already being rebuilt by another node; see "
                        + "GET /api/projections");
            }
            targets.add(target(projections.get(name), generation));
            log.info("Projection {}: rebuilding from the first event into generation {}", name, generation);
        }
        startRebuild(targets);
        return targets.stream().map(t -> status(t.name())).toList();
    }

    /** The collection queries read: the active generation's, as this node last read it. */
    public MongoCollection<Document> collection(String projection, String base) {
        return database.getCollection(collectionName(base, generationRead(projection)));
    }

    /**
     * Waits until every projection's active generation has applied every event acknowledged before the call, on
     * whichever nodes hold its segments, this node reads it, and no rebuild is running; false on timeout.
     */
    public boolean awaitCaughtUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long head = head();
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (String name : projections.keySet()) {
                Document doc = state(name);
                int active = doc.getInteger("active", 1);
                if (doc.get("building") != null || firstPass.containsKey(name) || generationRead(name) != active
                        || positions.lag(name, active, head) > 0) {
                    all = false;
                    break;
                }
            }
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
        return BatchJournal.indexOf(eventStore.createHeadToken());
    }

    private int generationRead(String projection) {
        return reading.getOrDefault(projection, 1);
    }

    private Document state(String name) {
        Document doc = state.find(Filters.eq("_id", name)).first();
        return doc == null ? new Document("_id", name).append("active", 1) : doc;
    }

    private ProjectionRun.Settings settingsFor(Projection projection) {
        return new ProjectionRun.Settings(Math.min(settings.segments(), projection.maxSegments()), settings.threads(),
                                          settings.batchSize(), settings.claimIntervalMillis());
    }

    /** Several projections share one first pass: stop each pass once. */
    private void stopFirstPasses() {
        new HashSet<>(firstPass.values()).forEach(Rebuild::stop);
        firstPass.clear();
    }

    private Rebuild.Target target(Projection projection, int generation) {
        return new Rebuild.Target(projection, generation, store(generation));
    }

    private ProjectionStore store(int generation) {
        return base -> database.getCollection(collectionName(base, generation));
    }

    private void startRebuild(List<Rebuild.Target> targets) {
        Rebuild rebuild = new Rebuild(targets, eventStore, rebuildFlush, rebuildKeep, this::head,
                                      t -> clearGeneration(t.projection(), t.generation(), false), this::firstPassDone,
                                      t -> letters.handler(t.projection(), t.generation(), t.store()));
        targets.forEach(t -> firstPass.put(t.name(), rebuild));
        rebuild.start();
    }

    /**
     * A generation has had its first pass: its processor starts from the token reached, on every node, at their next
     * sync. Not synchronized: {@link #pause()} holds the lock while it waits for the first pass to stop, and the pass
     * calls this before it stops.
     */
    private void firstPassDone(Rebuild.Target target, TrackingToken token) {
        journal.writeStart(ProjectionRun.processorName(target.name(), target.generation()), 0, token);
        firstPass.remove(target.name());
        syncSoon(Duration.ZERO);
    }

    /** Follows the state again soon, not only at the next half second. */
    private void syncSoon(Duration delay) {
        ScheduledExecutorService current = syncer;
        if (current != null && running) {
            try {
                current.schedule(this::syncQuietly, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // The node is stopping: nothing to follow.
            }
        }
    }

    /**
     * Empties a generation: its collections, its processor's journal and tokens, and its dead letters when it is
     * dropped (a first pass that starts again keeps those it parked, or it would meet them afresh every time).
     */
    private void clearGeneration(Projection projection, int generation, boolean letters) {
        Set<String> existing = database.listCollectionNames().into(new HashSet<>());
        for (String base : projection.collections()) {
            if (existing.contains(collectionName(base, generation))) {
                database.getCollection(collectionName(base, generation)).drop();
            }
        }
        String processor = ProjectionRun.processorName(projection.name(), generation);
        Set<Integer> segments = new HashSet<>();
        for (int segment : tokens.fetchSegments(processor)) {
            segments.add(segment);
        }
        segments.add(0);
        journal.deleteOf(processor, segments);
        database.getCollection("projection_journal").deleteOne(Filters.eq("_id", BatchJournal.legacyId(projection.name(),
                                                                                                         generation)));
        axonMongo.trackingTokensCollection().deleteMany(Filters.eq("processorName", processor));
        if (letters) {
            this.letters.drop(projection.name(), generation);
        }
    }

    private Projection requireKnown(String name) {
        Projection projection = projections.get(name);
        if (projection == null) {
            throw LedgerRejection.notFound("projection", name, "is not a projection; known: " + projections.keySet());
        }
        return projection;
    }

    static String collectionName(String base, int generation) {
        return base + "_g" + generation;
    }
}
