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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static cn.incubation.ledger.eventstore.AppendSettler.DUPLICATE_KEY;
import static cn.incubation.ledger.eventstore.EventSchema.C_TIMESTAMP;
import static cn.incubation.ledger.eventstore.EventSchema.EVENT_IDENTIFIER;
import static cn.incubation.ledger.eventstore.EventSchema.FORMAT_ID;
import static cn.incubation.ledger.eventstore.EventSchema.HASHED_FROM;
import static cn.incubation.ledger.eventstore.EventSchema.ID;
import static cn.incubation.ledger.eventstore.EventSchema.KEY;
import static cn.incubation.ledger.eventstore.EventSchema.SEQUENCE_NUMBER;
import static cn.incubation.ledger.eventstore.EventSchema.TOMBSTONE;
import static java.lang.String.format;

/**
 * An Axon event storage engine on MongoDB that gives every event a dense global index, in the way Axon's JDBC
 * engine does, so that tracking processors follow the store with a {@link GapAwareTrackingToken}.
 * <p>
 * Every hot read is a key lookup, because the embedded MongoDB-wire server scans the whole collection for anything
 * else: the next tracking batch is {@code _id $in [i+1 … i+n] ∪ gaps}, an aggregate's events are read through the
 * unique {@code key} field ({@code "<aggregate>#<sequence>"}).
 * <p>
 * <b>Appends.</b> An append reserves a contiguous range of global indexes ({@link IndexAllocator}) and writes its
 * events with an ordered {@code insertMany}, {@code _id} = global index. Each document names the first and last index
 * of its append; the append is <em>committed</em> once the document at its last index exists and belongs to it.
 * Readers deliver only committed appends, so an append becomes visible all at once ({@link TrackingFetch}).
 * A failed append is settled by putting a tombstone at its last index and replacing what it wrote with tombstones;
 * an append abandoned by a crash is settled the same way by whoever meets it after the gap timeout
 * ({@link AppendSettler}). Because {@code _id} is unique, a tombstone and a late write can never both land: a writer
 * that finds its slot tombstoned retries with a fresh range, so no event that was acknowledged can be skipped by a
 * reader. The documents themselves are described by {@link EventSchema}.
 */
public class MongoEventStorageEngine extends BatchingEventStorageEngine implements EventsByIndex {

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
    private final IndexAllocator allocator;
    private final AppendSettler settler;
    private final TrackingFetch tracking;
    private final AggregateReader aggregates;
    private final AppendChain chain;

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
        this.chain = new AppendChain(events);
        this.appendTimer = builder.appendTimer;
        if (builder.createIndexes) {
            ensureIndexes();
        }
        this.allocator = new IndexAllocator(events, counters, builder.indexAllocation, builder.writerLease);
        this.settler = new AppendSettler(events, builder.gapTimeout);
        this.tracking = new TrackingFetch(events, settler, allocator, builder.gapTimeout, builder.maxGapOffset,
                                          builder.trackingWindow > 0 ? builder.trackingWindow : batchSize());
        this.aggregates = new AggregateReader(events, settler, chain);
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
                document.append = append.id();
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
        return aggregates.fetch(aggregateIdentifier, firstSequenceNumber, batchSize);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return aggregates.lastSequenceNumber(aggregateIdentifier);
    }

    // ------------------------------------------------------------------ tracking

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        if (lastToken != null && !(lastToken instanceof GapAwareTrackingToken)) {
            throw new IllegalArgumentException(format("Token [%s] is of the wrong type. Expected [%s]",
                                                      lastToken, GapAwareTrackingToken.class.getSimpleName()));
        }
        return tracking.fetch((GapAwareTrackingToken) lastToken, batchSize);
    }

    /** One {@code _id $in} lookup; two when an append's commit record lies outside the indexes asked for. */
    @Override
    public List<TrackedEventMessage<?>> readEventsAt(Collection<Long> globalIndexes) {
        return EventUtils.upcastAndDeserializeTrackedEvents(tracking.committedAt(globalIndexes).stream(),
                                                            getEventSerializer(), upcasterChain)
                         .toList();
    }

    @Override
    public long tombstonesAt(Collection<Long> globalIndexes) {
        return tracking.tombstonesAt(globalIndexes);
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
