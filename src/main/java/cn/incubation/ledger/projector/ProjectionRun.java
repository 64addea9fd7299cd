package cn.incubation.ledger.projector;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One generation of one projection on this node: an Axon {@link PooledStreamingEventProcessor} named
 * {@code <projection>@g<generation>}, whose segments are claimed through the token store by whichever node gets
 * there first, so every event of the generation is handled by one node. What the processor's segments hold here
 * (the handler with its caches, the dead-letter guard, the last batch number) is made afresh at each claim, since
 * another node may have worked on the segment in between.
 */
final class ProjectionRun {

    private final Projection projection;
    private final int generation;
    private final ProjectionStore store;
    private final BatchJournal journal;
    private final DeadLetters letters;
    private final JournalingTokenStore tokens;
    private final PooledStreamingEventProcessor processor;
    private final ScheduledExecutorService coordinator;
    private final ScheduledExecutorService workers;
    private final Map<Integer, SegmentState> segments = new ConcurrentHashMap<>();
    private final AtomicLong processed = new AtomicLong();
    private volatile int segmentCount;
    private volatile boolean stopped;
    /** How long a segment released for another node to claim is left alone by this one. */
    static final Duration RELEASE_FOR = Duration.ofSeconds(5);

    /** What this node holds of one claimed segment. */
    private static final class SegmentState {
        long batch;
        boolean journaled;
        ProjectionHandler handler;
    }

    record Settings(int segments, int threads, int batchSize, long claimIntervalMillis) {
    }

    ProjectionRun(Projection projection, int generation, ProjectionStore store, BatchJournal journal,
                  DeadLetters letters, JournalingTokenStore tokens, EventStore eventStore, Settings settings) {
        this.projection = projection;
        this.generation = generation;
        this.store = store;
        this.journal = journal;
        this.letters = letters;
        this.tokens = tokens;
        String name = processorName(projection.name(), generation);
        this.coordinator = Executors.newSingleThreadScheduledExecutor(daemon(name + "-coordinator"));
        this.workers = Executors.newScheduledThreadPool(settings.threads(), daemon(name + "-worker"));
        this.processor = PooledStreamingEventProcessor.builder()
                                                      .name(name)
                                                      .eventHandlerInvoker(new ProjectionInvoker(this))
                                                      .messageSource(eventStore)
                                                      .tokenStore(tokens)
                                                      .transactionManager(NoTransactionManager.INSTANCE)
                                                      .coordinatorExecutor(coordinator)
                                                      .workerExecutor(workers)
                                                      .initialSegmentCount(settings.segments())
                                                      .initialToken(StreamableMessageSource::createTailToken)
                                                      .batchSize(settings.batchSize())
                                                      .tokenClaimInterval(settings.claimIntervalMillis())
                                                      .build();
    }

    static String processorName(String projection, int generation) {
        return projection + "@g" + generation;
    }

    String processorName() {
        return processor.getName();
    }

    Projection projection() {
        return projection;
    }

    int generation() {
        return generation;
    }

    long processed() {
        return processed.get();
    }

    /** The segments this node's processor holds now. */
    Set<Integer> claimed() {
        return Set.copyOf(processor.processingStatus().keySet());
    }

    /** How many segments the processor has, across all nodes (once known, it does not change). */
    int segmentCount() {
        if (segmentCount == 0) {
            segmentCount = tokens.fetchSegments(processorName()).length;
        }
        return segmentCount;
    }

    /** Lets another node claim the segment: this node leaves it alone for a while. */
    void release(int segment) {
        processor.releaseSegment(segment, RELEASE_FOR.toMillis(), TimeUnit.MILLISECONDS);
    }

    void start() {
        tokens.register(this);
        processor.start();
    }

    /** Stops the processor and waits for its threads to end, so that no batch of this run commits after it. */
    void stop() {
        // Axon's shutdown lets the batches in hand commit; whatever would commit after it is refused.
        processor.shutDown();
        stopped = true;
        for (ScheduledExecutorService executor : List.of(coordinator, workers)) {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        tokens.unregister(this);
        segments.clear();
    }

    boolean stopped() {
        return stopped;
    }

    /**
     * A segment was claimed: its last committed batch is applied (a no-op when it was), and the processor resumes
     * after it, or, before the segment's first batch, where a rebuild's first pass ended.
     */
    TrackingToken recover(int segment, TrackingToken stored) {
        SegmentState state = new SegmentState();
        // Another node may have parked events of the segment while it held it.
        letters.queue(projection.name(), generation).refresh();
        TrackingToken resume = stored;
        BatchJournal.Entry last = journal.find(BatchJournal.segmentId(processorName(), segment));
        if (last != null) {
            BatchJournal.apply(store, last.batch(), segment, last.updates());
            state.batch = last.batch();
            state.journaled = true;
            resume = last.token();
        } else {
            BatchJournal.Entry start = journal.find(BatchJournal.startId(processorName()));
            if (start == null && segment == 0) {
                start = journal.find(BatchJournal.legacyId(projection.name(), generation));
                if (start != null) {
                    BatchJournal.apply(store, start.batch(), 0, start.updates());
                }
            }
            if (start != null) {
                state.batch = start.batch();
                resume = start.token();
            }
        }
        segments.put(segment, state);
        return resume;
    }

    void released(int segment) {
        segments.remove(segment);
    }

    /** Handles one event of a claimed segment into the batch of the current unit of work. */
    void handle(EventMessage<?> event, Segment segment) throws Exception {
        SegmentState state = state(segment.getSegmentId());
        if (state.handler == null) {
            state.handler = letters.handler(projection, generation, store);
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        unitOfWork.resources().putIfAbsent(JournalingTokenStore.RUN, this);
        ProjectionBatch batch = unitOfWork.getOrComputeResource(JournalingTokenStore.BATCH,
                                                                key -> new ProjectionBatch());
        try {
            state.handler.handle(event, segment, batch);
        } catch (Exception | Error e) {
            // The handler's caches may be half changed: the segment starts again from its last batch with a new one.
            state.handler = null;
            throw e;
        }
        batch.countEvent();
    }

    /**
     * Writes the batch's journal entry, the commit point, then applies its writes. Refused when another node
     * committed the segment first.
     */
    void commit(int segment, TrackingToken token, ProjectionBatch batch) {
        SegmentState state = state(segment);
        List<Document> updates = batch == null ? List.of() : BatchJournal.updatesOf(batch);
        long number = state.batch + 1;
        if (!journal.commit(BatchJournal.segmentId(processorName(), segment), number, token, updates,
                            !state.journaled)) {
            segments.remove(segment);
            throw new UnableToClaimTokenException("Segment " + segment + " of " + processorName()
                                                          + " was committed by another node");
        }
        state.batch = number;
        state.journaled = true;
        if (!updates.isEmpty()) {
            BatchJournal.apply(store, number, segment, updates);
        }
        if (batch != null) {
            processed.addAndGet(batch.events());
        }
    }

    private SegmentState state(int segment) {
        SegmentState state = segments.get(segment);
        if (state == null) {
            throw new UnableToClaimTokenException("Segment " + segment + " of " + processorName()
                                                          + " is not claimed by this node");
        }
        return state;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
