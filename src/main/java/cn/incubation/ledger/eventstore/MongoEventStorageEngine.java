package cn.incubation.ledger.eventstore;

import cn.incubation.ledger.eventstore.AppendSettler.Append;
import cn.incubation.ledger.eventstore.AppendSettler.AppendState;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.Document;
import org.bson.codecs.configuration.CodecRegistries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static cn.incubation.ledger.eventstore.EventSchema.*;
import static cn.incubation.ledger.eventstore.AppendSettler.DUPLICATE_KEY;
import static java.lang.String.format;

/**
 * An Axon event storage engine on MongoDB that gives every event a dense global index, in the way Axon's JDBC
 * engine does, so that tracking processors follow the store with a {@link GapAwareTrackingToken}.
 * <p>
 * Every hot read is a key lookup, because the embedded MongoDB-wire server scans the whole collection for anything
 * else: the next tracking batch is {@code _id $in [i+1 … i+n] ∪ gaps}, an aggregate's events are read through the
 * unique {@code key} field ({@code "<aggregate>#<sequence>"}).
 * <p>
 * <b>Appends.</b> An append reserves a contiguous range of global indexes (one {@code $inc} on a counter document,
 * or from memory when this process is the only writer: see {@link IndexAllocation}) and writes its events with an
 * ordered {@code insertMany}, {@code _id} = global index. Each document
 * names the first and last index of its append; the append is <em>committed</em> once the document at its last index
 * exists and belongs to it. Readers deliver only committed appends, so an append becomes visible all at once.
 * A failed append is settled by putting a tombstone at its last index and replacing what it wrote with tombstones;
 * an append abandoned by a crash is settled the same way by whoever meets it after the gap timeout. Because
 * {@code _id} is unique, a tombstone and a late write can never both land: a writer that finds its slot tombstoned
 * retries with a fresh range, so no event that was acknowledged can be skipped by a reader.
 */
public class MongoEventStorageEngine extends BatchingEventStorageEngine {

    private static final Logger log = LoggerFactory.getLogger(MongoEventStorageEngine.class);
    private static final int MAX_APPEND_ATTEMPTS = 16;

    /** How an append obtains its range of global indexes. */
    public enum IndexAllocation {
        /**
         * One {@code $inc} on the counter document per append: correct with any number of writing processes, at the
         * cost of a round trip (and, on the embedded H2 server, a commit) per append.
         */
        SHARED_COUNTER,
        /**
         * This process is the only one appending (as with the embedded server, which lives in the ledger's process):
         * ranges come from a counter in memory, and the counter document is only brought up to date now and then,
         * for restarts. A second writer is still caught by the unique {@code _id}, but may then write below
         * indexes readers have passed (delivered to them as a late gap), so it is not for several ledger nodes.
         */
        SINGLE_WRITER
    }

    private final MongoCollection<Document> events;
    /** The events collection, written with {@link AppendedEvent#CODEC}. */
    private final MongoCollection<AppendedEvent> appendedEvents;
    private final MongoCollection<Document> snapshots;
    private final MongoCollection<Document> counters;
    private final Duration gapTimeout;
    private final int maxGapOffset;
    private final int trackingWindow;
    private final AppendChain chain;
    private final IndexAllocator allocator;
    private final AppendSettler settler;
    /** When this engine first saw each index that was reserved but not yet resolved; the clock for gap timeouts. */
    private final Map<Long, Instant> unresolvedSince = new ConcurrentHashMap<>();

    /** How long each append takes, its hashing and retries included: what every command waits for. */
    private final Timer appendTimer;

    protected MongoEventStorageEngine(Builder builder) {
        super(builder);
        MongoDatabase database = builder.database;
        this.events = database.getCollection(builder.eventsCollection);
        this.appendedEvents = events.withDocumentClass(AppendedEvent.class).withCodecRegistry(
                CodecRegistries.fromRegistries(CodecRegistries.fromCodecs(AppendedEvent.CODEC),
                                               events.getCodecRegistry()));
        this.snapshots = database.getCollection(builder.snapshotsCollection);
        this.counters = database.getCollection(builder.countersCollection);
        this.gapTimeout = builder.gapTimeout;
        this.maxGapOffset = builder.maxGapOffset;
        this.trackingWindow = builder.trackingWindow > 0 ? builder.trackingWindow : batchSize();
        this.chain = new AppendChain(events);
        this.appendTimer = builder.appendTimer;
        if (builder.createIndexes) {
            ensureIndexes();
        }
        this.allocator = new IndexAllocator(events, counters, builder.indexAllocation, builder.writerLease);
        this.settler = new AppendSettler(events, builder.gapTimeout);
        markHashedFrom(allocator.headAtOpen() + 1);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Creates the unique indexes the engine relies on: aggregate sequence ({@code key}) and event identifier. */
    public void ensureIndexes() {
        events.createIndex(Indexes.ascending(KEY), new IndexOptions().unique(true).name("key_unique"));
        events.createIndex(Indexes.ascending(EVENT_IDENTIFIER),
                           new IndexOptions().unique(true).name("eventIdentifier_unique"));
    }

    /**
     * The unique key of an aggregate's event: {@code "<aggregate>#<sequence>"}. The sequence is read from after the last
     * {@code #}, so no two pairs share a key. The aggregate comes first so that the events of one aggregate sit side by
     * side in the index: an append writes into one place of it, not one place per sequence number, which is what the
     * embedded H2 store has to rewrite when it commits the append.
     */
    public static String key(String aggregateIdentifier, long sequenceNumber) {
        return EventSchema.key(aggregateIdentifier, sequenceNumber);
    }

    /**
     * Notes, once per store, where hashed events begin: events below are from before hashing and verify as unhashed;
     * an event above without a hash had it removed. The first engine to start with hashing sets it.
     */
    private void markHashedFrom(long index) {
        try {
            // An upsert: the format document may not exist yet. One that has the mark already refuses the insert.
            counters.updateOne(Filters.and(Filters.eq(ID, FORMAT_ID), Filters.exists(HASHED_FROM, false)),
                               Updates.set(HASHED_FROM, index), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    // ------------------------------------------------------------------ appending

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        try {
            append(events, serializer);
        } finally {
            appendTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private void append(List<? extends EventMessage<?>> events, Serializer serializer) {
        List<AppendedEvent> documents = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            documents.add(EventSchema.toAppendedEvent(event, serializer));
        }
        Map<String, byte[]> previousHashes = chain.previousHashes(documents);
        boolean abandonedAppendCleared = false;
        for (int attempt = 1; attempt <= MAX_APPEND_ATTEMPTS; attempt++) {
            long last = allocator.reserve(documents.size());
            long first = last - documents.size() + 1;
            // The embedded server's $inc can hand one range to two appends, so an append's identity is its own id: 64
            // random bits, which only ever tell apart appends that were handed the same range.
            Append append = new Append(ThreadLocalRandom.current().nextLong(), first, last);
            for (int i = 0; i < documents.size(); i++) {
                AppendedEvent document = documents.get(i);
                document.index = first + i;
                document.append = (Long) append.id();
                document.first = first;
                document.last = last;
            }
            chain.hash(documents, previousHashes);
            try {
                insertAppend(documents);
                chain.committed(documents);
                return;
            } catch (MongoBulkWriteException e) {
                BulkWriteError error = e.getWriteErrors().isEmpty() ? null : e.getWriteErrors().get(0);
                AppendedEvent failed = error == null ? null : documents.get(error.getIndex());
                // Ask before settling: settling puts a tombstone on our own last index.
                boolean indexCollision = failed != null && error.getCode() == DUPLICATE_KEY
                        && settler.indexTakenByAnother(failed.index, append);
                if (settler.abort(append) == AppendState.COMMITTED) {
                    chain.committed(documents);
                    return;
                }
                if (failed == null || error.getCode() != DUPLICATE_KEY) {
                    handlePersistenceException(e, events.get(0));
                }
                if (indexCollision) {
                    log.debug("Global index {} was taken by another append; reserving a new range", failed.index);
                    allocator.catchUpWithStore();
                    continue;
                }
                if (!abandonedAppendCleared && settler.clearAbandonedHolderOf(failed)) {
                    abandonedAppendCleared = true;
                    continue;
                }
                handlePersistenceException(e, events.get(error.getIndex()));
            } catch (MongoException e) {
                // The outcome of a failed round trip is unknown: settle it, and report success only if it landed.
                if (settler.abort(append) == AppendState.COMMITTED) {
                    chain.committed(documents);
                    return;
                }
                throw new EventStoreException("Appending " + events.size() + " events failed: " + e.getMessage(), e);
            }
        }
        throw new EventStoreException(format("Could not reserve global indexes for %d events after %d attempts",
                                             events.size(), MAX_APPEND_ATTEMPTS));
    }

    /** Writes one append's documents, in index order, so that its last document lands last. */
    protected void insertAppend(List<AppendedEvent> documents) {
        appendedEvents.insertMany(documents, new InsertManyOptions().ordered(true));
    }

    // ------------------------------------------------------------------ snapshots

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        // Stored like an event, under the aggregate's identifier: one snapshot per aggregate.
        Document document = EventSchema.snapshotDocument(snapshot, serializer);
        try {
            // Keep only the newest snapshot: replace an older one, and let a newer one stand (duplicate key).
            snapshots.replaceOne(Filters.and(Filters.eq(ID, snapshot.getAggregateIdentifier()),
                                             Filters.lt(SEQUENCE_NUMBER, snapshot.getSequenceNumber())),
                                 document, new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                handlePersistenceException(e, snapshot);
            }
        }
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        Document snapshot = snapshots.find(Filters.eq(ID, aggregateIdentifier)).first();
        return snapshot == null ? Stream.empty() : Stream.of(EventSchema.snapshotData(snapshot));
    }

    // ------------------------------------------------------------------ reading one aggregate

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier,
                                                                   long firstSequenceNumber, int batchSize) {
        List<DomainEventData<?>> result = new ArrayList<>();
        long windowStart = firstSequenceNumber;
        while (true) {
            List<DomainEventData<?>> window = fetchSequenceWindow(aggregateIdentifier, windowStart, batchSize);
            result.addAll(window);
            // A full window: the caller asks for the next one. A run without holes from the window's start: the
            // stream ends here, with no extra query. Otherwise the stream has a hole in its sequence (Axon lets one
            // be appended), and it is read on until a window holds nothing.
            boolean endsWithoutHole = window.isEmpty()
                    || window.get(window.size() - 1).getSequenceNumber() == windowStart + window.size() - 1;
            if (window.size() == batchSize || endsWithoutHole) {
                return result;
            }
            windowStart += batchSize;
        }
    }

    private List<DomainEventData<?>> fetchSequenceWindow(String aggregateIdentifier, long firstSequenceNumber,
                                                         int batchSize) {
        List<String> keys = new ArrayList<>(batchSize);
        for (long sequence = firstSequenceNumber; sequence < firstSequenceNumber + batchSize; sequence++) {
            keys.add(key(aggregateIdentifier, sequence));
        }
        Map<Long, Document> bySequence = new TreeMap<>();
        for (Document document : events.find(Filters.in(KEY, keys))) {
            bySequence.put(sequenceOf(document), document);
        }
        Map<Long, AppendState> states = settler.states(bySequence.values());
        List<DomainEventData<?>> result = new ArrayList<>(bySequence.size());
        Document lastCommitted = null;
        for (Document document : bySequence.values()) {
            if (states.get(appendOf(document)) == AppendState.COMMITTED) {
                result.add(eventData(document));
                lastCommitted = document;
            }
        }
        if (lastCommitted != null) {
            chain.read(aggregateIdentifier, sequenceOf(lastCommitted), lastCommitted);
        }
        return result;
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        // Probe sequence 0, 1, 3, 7, … to bracket the end of the stream, then bisect: O(log n) key lookups.
        if (!committedSequenceExists(aggregateIdentifier, 0)) {
            return Optional.empty();
        }
        long present = 0;
        long absent = -1;
        for (long probe = 1; probe > 0; probe = probe * 2 + 1) {
            if (committedSequenceExists(aggregateIdentifier, probe)) {
                present = probe;
            } else {
                absent = probe;
                break;
            }
        }
        while (absent - present > 1) {
            long middle = present + (absent - present) / 2;
            if (committedSequenceExists(aggregateIdentifier, middle)) {
                present = middle;
            } else {
                absent = middle;
            }
        }
        return Optional.of(present);
    }

    private boolean committedSequenceExists(String aggregateIdentifier, long sequence) {
        Document document = events.find(Filters.eq(KEY, key(aggregateIdentifier, sequence)))
                                  .projection(new Document(C_APPEND, 1).append(C_RANGE, 1))
                                  .first();
        return document != null && settler.stateOf(Append.of(document)) == AppendState.COMMITTED;
    }

    // ------------------------------------------------------------------ tracking

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        if (lastToken != null && !(lastToken instanceof GapAwareTrackingToken)) {
            throw new IllegalArgumentException(format("Token [%s] is of the wrong type. Expected [%s]",
                                                      lastToken, GapAwareTrackingToken.class.getSimpleName()));
        }
        GapAwareTrackingToken start = (GapAwareTrackingToken) lastToken;
        long index = start == null ? 0 : start.getIndex();
        SortedSet<Long> gaps = start == null ? new TreeSet<>() : new TreeSet<>(start.getGaps());
        int window = Math.max(batchSize, trackingWindow);
        List<Long> firstIds = new ArrayList<>(gaps);
        firstIds.addAll(eventsAfterGapRuns(gaps, index));
        Map<Long, Document> seen = new TreeMap<>();
        Map<Long, AppendState> states = new HashMap<>();
        Long head = null;
        long windowStart = index + 1;
        long windowEnd;
        long highestCommitted;
        while (true) {
            windowEnd = windowStart + window - 1;
            List<Long> ids = new ArrayList<>(window + firstIds.size());
            if (windowStart == index + 1) {
                ids.addAll(firstIds);
            }
            for (long id = windowStart; id <= windowEnd; id++) {
                ids.add(id);
            }
            Map<Long, Document> found = find(ids);
            seen.putAll(found);
            states.putAll(settler.states(found.values()));
            highestCommitted = highestCommitted(found, states);
            if (highestCommitted > 0) {
                // Whatever this query found committed was committed after anything committed before it. Read the
                // indexes below it that earlier queries (or earlier parts of this one) found unresolved once more, so
                // that an append committed before these events is delivered before them, never after.
                List<Long> unresolved = unresolvedBelow(seen, states, gaps, index, highestCommitted);
                if (!unresolved.isEmpty()) {
                    Map<Long, Document> reread = find(unresolved);
                    seen.putAll(reread);
                    states.putAll(settler.states(reread.values()));
                }
                break;
            }
            // Nothing deliverable here. Move on if something lies beyond: indexes reserved past this window (a large
            // append in flight, or a range a crashed writer never wrote).
            if (head == null) {
                head = allocator.head();
            }
            if (head <= windowEnd) {
                break;
            }
            windowStart = windowEnd + 1;
        }
        // Deliver nothing above what the window queries found committed: what committed later is for the next fetch,
        // after its own re-read.
        return new Tracker(index, gaps).process(seen, states, index + 1,
                                                highestCommitted > 0 ? highestCommitted : windowEnd);
    }

    /**
     * The events at these global indexes, upcast and deserialised, in index order: one {@code _id $in} lookup (two when
     * an append's commit record lies outside them), so read models can keep an event's place instead of a copy of it.
     * Indexes that hold no committed event (unwritten, given up, or of an append not decided yet) are left out. Each
     * event's token is its index alone, with no gaps: a place, not a point to track from.
     */
    public List<TrackedEventMessage<?>> readEventsAt(Collection<Long> globalIndexes) {
        if (globalIndexes.isEmpty()) {
            return List.of();
        }
        Map<Long, Document> found = find(new ArrayList<>(new TreeSet<>(globalIndexes)));
        Map<Long, AppendState> states = settler.states(found.values());
        List<TrackedEventData<?>> committed = new ArrayList<>(found.size());
        for (Document document : found.values()) {
            if (!isTombstone(document) && states.get(appendOf(document)) == AppendState.COMMITTED) {
                committed.add(new TrackedDomainEventData<>(
                        GapAwareTrackingToken.newInstance(document.getLong(ID), List.of()), eventData(document)));
            }
        }
        return EventUtils.upcastAndDeserializeTrackedEvents(committed.stream(), getEventSerializer(), upcasterChain)
                         .toList();
    }

    /**
     * How many of these global indexes hold a tombstone: an index given up, or an append that failed. Such indexes
     * advance the head but hold nothing to deliver, which is what a projection's lag must leave out.
     */
    public long tombstonesAt(Collection<Long> globalIndexes) {
        if (globalIndexes.isEmpty()) {
            return 0;
        }
        long tombstones = 0;
        for (Document document : events.find(Filters.in(ID, new ArrayList<>(globalIndexes)))
                                       .projection(new Document(TOMBSTONE, 1))) {
            if (isTombstone(document)) {
                tombstones++;
            }
        }
        return tombstones;
    }

    private Map<Long, Document> find(List<Long> ids) {
        Map<Long, Document> byIndex = new TreeMap<>();
        for (Document document : events.find(Filters.in(ID, ids))) {
            byIndex.put(document.getLong(ID), document);
        }
        return byIndex;
    }

    private static long highestCommitted(Map<Long, Document> documents, Map<Long, AppendState> states) {
        long highest = -1;
        for (Document document : documents.values()) {
            if (!isTombstone(document) && states.get(appendOf(document)) == AppendState.COMMITTED) {
                highest = Math.max(highest, document.getLong(ID));
            }
        }
        return highest;
    }

    /** Indexes below {@code limit} that are missing, or hold an append not yet decided. */
    private static List<Long> unresolvedBelow(Map<Long, Document> seen, Map<Long, AppendState> states,
                                              SortedSet<Long> gaps, long index, long limit) {
        List<Long> unresolved = new ArrayList<>();
        for (long gap : gaps) {
            if (isUnresolved(seen.get(gap), states)) {
                unresolved.add(gap);
            }
        }
        for (long id = index + 1; id < limit; id++) {
            if (isUnresolved(seen.get(id), states)) {
                unresolved.add(id);
            }
        }
        return unresolved;
    }

    private static boolean isUnresolved(Document document, Map<Long, AppendState> states) {
        return document == null
                || !isTombstone(document) && states.get(appendOf(document)) == AppendState.PENDING;
    }

    /**
     * The index just after each run of gaps: the event there was delivered before, and its age tells whether the
     * gaps before it are old (as in Axon's JDBC engine, an event older than the gap timeout ages all gaps before it).
     */
    private static List<Long> eventsAfterGapRuns(SortedSet<Long> gaps, long index) {
        List<Long> after = new ArrayList<>();
        for (long gap : gaps) {
            long next = gap + 1;
            if (next <= index && !gaps.contains(next)) {
                after.add(next);
            }
        }
        return after;
    }

    /** Walks one window in index order, deciding for each index whether it is delivered, skipped or still a gap. */
    private final class Tracker {

        long index;
        SortedSet<Long> gaps;

        Tracker(long index, SortedSet<Long> gaps) {
            this.index = index;
            this.gaps = gaps;
        }

        List<TrackedEventData<?>> process(Map<Long, Document> byIndex, Map<Long, AppendState> states,
                                          long from, long to) {
            Instant now = GenericEventMessage.clock.instant();
            Instant timeoutFrame = now.minus(gapTimeout);
            dropGapsBeforeOldEvents(byIndex, states, timeoutFrame);
            List<TrackedEventData<?>> result = new ArrayList<>();
            // Gaps all lie below the position, so they come first in index order, then the window.
            for (long gap : new ArrayList<>(gaps)) {
                visit(gap, byIndex, states, now, timeoutFrame, result);
            }
            for (long id = from; id <= to; id++) {
                visit(id, byIndex, states, now, timeoutFrame, result);
            }
            tombstoneExpiredGaps(timeoutFrame);
            return result;
        }

        private void visit(long id, Map<Long, Document> byIndex, Map<Long, AppendState> states, Instant now,
                           Instant timeoutFrame, List<TrackedEventData<?>> result) {
            if (id <= index && !gaps.contains(id)) {
                return;
            }
            Document document = byIndex.get(id);
            AppendState state = document == null ? null
                    : isTombstone(document) ? AppendState.ABORTED
                    : states.get(appendOf(document));
            if (state == AppendState.COMMITTED) {
                Instant timestamp = timestampOf(document);
                settle(id, timestamp.isBefore(timeoutFrame), now, timeoutFrame);
                result.add(new TrackedDomainEventData<>(GapAwareTrackingToken.newInstance(index, gaps),
                                                        eventData(document)));
            } else if (state == AppendState.ABORTED) {
                if (!isTombstone(document)) {
                    // Left over from an append that was decided against: free its keys.
                    settler.abort(Append.of(document));
                }
                settle(id, false, now, timeoutFrame);
            } else if (document != null) {
                // Written but not committed. A missing index is timed only once it is a gap (see settle).
                unresolvedSince.putIfAbsent(id, now);
                if (unresolvedSince.get(id).isBefore(timeoutFrame)
                        && settler.abort(Append.of(document)) == AppendState.ABORTED) {
                    // An append that started writing and never committed: its writer is gone.
                    settle(id, false, now, timeoutFrame);
                }
            }
        }

        private void dropGapsBeforeOldEvents(Map<Long, Document> byIndex, Map<Long, AppendState> states,
                                             Instant timeoutFrame) {
            long oldest = -1;
            for (Document document : byIndex.values()) {
                long id = document.getLong(ID);
                if (id <= index && !gaps.contains(id) && !isTombstone(document)
                        && states.get(appendOf(document)) == AppendState.COMMITTED
                        && timestampOf(document).isBefore(timeoutFrame)) {
                    oldest = Math.max(oldest, id);
                }
            }
            if (oldest > 0 && !gaps.isEmpty() && gaps.first() < oldest) {
                tombstoneGaps(new ArrayList<>(gaps.headSet(oldest)));
            }
        }

        /** Moves the position to {@code id}; indexes skipped on the way become gaps, or are settled if old. */
        private void settle(long id, boolean dropOlderGaps, Instant now, Instant timeoutFrame) {
            if (id > index) {
                for (long skipped = index + 1; skipped < id; skipped++) {
                    gaps.add(skipped);
                    unresolvedSince.putIfAbsent(skipped, now);
                }
                index = id;
            } else {
                gaps.remove(id);
            }
            unresolvedSince.remove(id);
            if (dropOlderGaps && !gaps.isEmpty() && gaps.first() < id) {
                tombstoneGaps(new ArrayList<>(gaps.headSet(id)));
            }
            if (!gaps.isEmpty() && gaps.first() < index - maxGapOffset) {
                tombstoneGaps(new ArrayList<>(gaps.headSet(index - maxGapOffset)));
            }
        }

        private void tombstoneExpiredGaps(Instant timeoutFrame) {
            List<Long> expired = new ArrayList<>();
            for (long gap : gaps) {
                Instant since = unresolvedSince.get(gap);
                if (since != null && since.isBefore(timeoutFrame)) {
                    expired.add(gap);
                }
            }
            if (!expired.isEmpty()) {
                tombstoneGaps(expired);
            }
        }

        /**
         * Gives up gaps by writing tombstones into them. A gap whose tombstone is refused was filled meanwhile and
         * stays a gap, to be read on the next fetch.
         */
        private void tombstoneGaps(List<Long> expired) {
            List<Long> settled = settler.tombstoneAll(expired);
            settled.forEach(gaps::remove);
            settled.forEach(unresolvedSince::remove);
        }
    }

    // ------------------------------------------------------------------ tokens

    @Override
    public TrackingToken createTailToken() {
        return allocator.head() == 0 ? null : GapAwareTrackingToken.newInstance(0, List.of());
    }

    @Override
    public TrackingToken createHeadToken() {
        long head = allocator.head();
        return head == 0 ? null : GapAwareTrackingToken.newInstance(head, List.of());
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        // Rarely used (a processor told to start at a time), so a scan is acceptable here.
        Document first = events.find(Filters.and(Filters.gte(C_TIMESTAMP, dateTime.toEpochMilli()),
                                                 Filters.ne(TOMBSTONE, true)))
                               .sort(Sorts.ascending(ID)).limit(1).projection(new Document(ID, 1)).first();
        if (first == null) {
            return createHeadToken();
        }
        return GapAwareTrackingToken.newInstance(first.getLong(ID) - 1, List.of());
    }

    /** Builds a {@link MongoEventStorageEngine}. */
    public static class Builder extends BatchingEventStorageEngine.Builder {
        private Timer appendTimer = Timer.builder("ledger.eventstore.append").register(new SimpleMeterRegistry());

        /** Where each append's duration is recorded; by default nowhere anyone reads. */
        public Builder appendTimer(Timer appendTimer) {
            this.appendTimer = appendTimer;
            return this;
        }


        private MongoDatabase database;
        private String eventsCollection = "events";
        private String snapshotsCollection = "snapshots";
        private String countersCollection = "counters";
        private Duration gapTimeout = Duration.ofSeconds(60);
        private int maxGapOffset = 10_000;
        private int trackingWindow;
        private boolean createIndexes = true;
        private IndexAllocation indexAllocation = IndexAllocation.SHARED_COUNTER;
        private WriterLease writerLease;

        protected Builder() {
            persistenceExceptionResolver(new MongoPersistenceExceptionResolver());
        }

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        public Builder eventsCollection(String name) {
            this.eventsCollection = name;
            return this;
        }

        public Builder snapshotsCollection(String name) {
            this.snapshotsCollection = name;
            return this;
        }

        public Builder countersCollection(String name) {
            this.countersCollection = name;
            return this;
        }

        /** How long an index may stay reserved but unwritten before readers give it up (default 60 s). */
        public Builder gapTimeout(Duration gapTimeout) {
            this.gapTimeout = gapTimeout;
            return this;
        }

        /** How far behind the position a gap may lie before it is given up (default 10,000). */
        public Builder maxGapOffset(int maxGapOffset) {
            this.maxGapOffset = maxGapOffset;
            return this;
        }

        /** How many indexes one tracking query asks for (default: the batch size). */
        public Builder trackingWindow(int trackingWindow) {
            this.trackingWindow = trackingWindow;
            return this;
        }

        /** How appends obtain global indexes (default {@link IndexAllocation#SHARED_COUNTER}). */
        public Builder indexAllocation(IndexAllocation indexAllocation) {
            this.indexAllocation = indexAllocation;
            return this;
        }

        /** The lease a single writer must hold to reserve indexes from memory (none: it is trusted to be alone). */
        public Builder writerLease(WriterLease writerLease) {
            this.writerLease = writerLease;
            return this;
        }

        public Builder createIndexes(boolean createIndexes) {
            this.createIndexes = createIndexes;
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder persistenceExceptionResolver(PersistenceExceptionResolver persistenceExceptionResolver) {
            super.persistenceExceptionResolver(persistenceExceptionResolver);
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        @Deprecated
        public Builder snapshotFilter(Predicate<? super DomainEventData<?>> snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        @Override
        public Builder snapshotFilter(SnapshotFilter snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        @Override
        public Builder finalAggregateBatchPredicate(Predicate<List<? extends DomainEventData<?>>> predicate) {
            super.finalAggregateBatchPredicate(predicate);
            return this;
        }

        @Override
        protected void validate() {
            super.validate();
            if (database == null) {
                throw new AxonConfigurationException("A MongoDatabase is required");
            }
            if (gapTimeout == null || gapTimeout.isNegative()) {
                throw new AxonConfigurationException("The gap timeout must be zero or more");
            }
        }

        public MongoEventStorageEngine build() {
            validate();
            return new MongoEventStorageEngine(this);
        }
    }
}
