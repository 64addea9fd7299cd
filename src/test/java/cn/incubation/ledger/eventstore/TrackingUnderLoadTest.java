package cn.incubation.ledger.eventstore;

import cn.incubation.ledger.mongo.EmbeddedMongo;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The failure modes of Axon's stock Mongo engine, tried on this one: bulk appends with equal timestamps, concurrent
 * writers with one slow writer, and appends that fail half-way. A tracking reader must see every event exactly once,
 * each aggregate in sequence order, and never an event of an append that did not commit.
 */
class TrackingUnderLoadTest {

    private static final JacksonSerializer SERIALIZER = JacksonSerializer.defaultSerializer();

    private MongoDatabase database;

    @BeforeEach
    void setUp() {
        database = EmbeddedMongo.freshDatabase();
    }

    @AfterEach
    void tearDown() {
        GenericEventMessage.clock = Clock.systemUTC();
        database.drop();
    }

    @Test
    void fiftyThousandEventsWithEqualTimestampsReachAConcurrentReaderOnceAndInOrder() throws Exception {
        GenericEventMessage.clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        MongoEventStorageEngine engine = engine(MongoEventStorageEngine.builder());
        int total = 50_000;
        List<String> appended = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            appended.add(null);
        }
        Reader reader = new Reader(engine, total);
        Future<?> reading = Executors.newSingleThreadExecutor().submit(reader);

        // Bursts of 1,000 events: ten appends of 100, each across ten aggregates of ten events.
        int index = 0;
        for (int burst = 0; burst < total / 1000; burst++) {
            for (int append = 0; append < 10; append++) {
                List<EventMessage<?>> batch = new ArrayList<>(100);
                for (int aggregate = 0; aggregate < 10; aggregate++) {
                    String id = "agg-" + burst + "-" + append + "-" + aggregate;
                    for (int sequence = 0; sequence < 10; sequence++) {
                        DomainEventMessage<?> event = event(id, sequence);
                        appended.set(index++, event.getIdentifier());
                        batch.add(event);
                    }
                }
                engine.appendEvents(batch);
            }
        }
        reading.get(120, TimeUnit.SECONDS);

        assertThat(reader.delivered).containsExactlyElementsOf(appended);
        assertThat(reader.maxGaps).isZero();
        GapAwareTrackingToken last = (GapAwareTrackingToken) reader.lastToken;
        assertThat(last.getIndex()).isEqualTo(total);
        assertThat(SERIALIZER.serialize(last, byte[].class).getData().length).isLessThan(100);
    }

    @Test
    void concurrentWritersWithOneSlowWriterAreSeenExactlyOnceAndInAggregateOrder() throws Exception {
        AtomicInteger slowAppends = new AtomicInteger();
        MongoEventStorageEngine engine = new MongoEventStorageEngine(configured(MongoEventStorageEngine.builder())) {
            @Override
            protected void insertAppend(List<AppendedEvent> documents) {
                if (Thread.currentThread().getName().startsWith("slow-writer")) {
                    // Indexes reserved, documents not yet written: later appends of other writers overtake these.
                    sleep(1_500);
                    slowAppends.incrementAndGet();
                }
                super.insertAppend(documents);
            }
        };
        int writers = 3;
        int appendsPerWriter = 150;
        int eventsPerAppend = 3;
        int total = (writers * appendsPerWriter + 4) * eventsPerAppend;
        Reader reader = new Reader(engine, total);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        ExecutorService slowPool = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "slow-writer"));
        Future<?> reading = pool.submit(reader);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> writing = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            int w = writer;
            writing.add(pool.submit(() -> {
                await(start);
                for (int append = 0; append < appendsPerWriter; append++) {
                    appendAggregateRun(engine, "w" + w + "-" + (append / 5), (append % 5) * eventsPerAppend,
                                       eventsPerAppend);
                }
            }));
        }
        // A fourth, slow writer makes four appends, each visible 1.5 s after its indexes were reserved.
        writing.add(slowPool.submit(() -> {
            await(start);
            for (int append = 0; append < 4; append++) {
                appendAggregateRun(engine, "slow", append * eventsPerAppend, eventsPerAppend);
            }
        }));
        start.countDown();
        for (Future<?> future : writing) {
            future.get(120, TimeUnit.SECONDS);
        }
        reading.get(120, TimeUnit.SECONDS);
        pool.shutdownNow();
        slowPool.shutdownNow();

        assertThat(slowAppends).hasValue(4);
        assertThat(reader.delivered).hasSize(total).doesNotHaveDuplicates();
        assertThat(reader.maxGaps).isPositive();
        assertThat(reader.outOfSequence).isEmpty();
        GapAwareTrackingToken last = (GapAwareTrackingToken) reader.lastToken;
        assertThat(last.getGaps()).isEmpty();
    }

    @Test
    void appendFailingHalfWayIsNeverSeenAndFreesWhatItWrote() {
        MongoEventStorageEngine engine = engine(MongoEventStorageEngine.builder());
        engine.appendEvents(event("taken", 0), event("taken", 1));

        // Three events of a new aggregate, then one that collides with an existing sequence: the first three are
        // written before the collision stops the ordered insert.
        List<EventMessage<?>> failing = List.of(event("fresh", 0), event("fresh", 1), event("fresh", 2),
                                                event("taken", 1));
        assertThatThrownBy(() -> engine.appendEvents(failing)).isInstanceOf(ConcurrencyException.class);

        assertThat(engine.readEvents("fresh").asStream()).isEmpty();
        assertThat(engine.readEvents("taken").asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(0L, 1L);
        List<String> tracked = engine.readEvents(null, false).map(EventMessage::getIdentifier).toList();
        assertThat(tracked).hasSize(2).doesNotContainAnyElementsOf(failing.stream()
                                                                        .map(EventMessage::getIdentifier).toList());
        // The failed append's indexes are settled with tombstones, so its sequences can be written again.
        assertThat(database.getCollection("events").countDocuments(new Document("tombstone", true))).isEqualTo(4);
        engine.appendEvents(event("fresh", 0));
        assertThat(engine.readEvents("fresh").asStream()).hasSize(1);
        assertThat(engine.readEvents(null, false)).hasSize(3);
    }

    @Test
    void halfWrittenAppendIsInvisibleToAConcurrentReaderUntilItCommits() {
        MongoEventStorageEngine engine = engine(MongoEventStorageEngine.builder());
        engine.appendEvents(event("before", 0));
        // What a writer leaves between two of its inserts: indexes 2..4 reserved, 2 and 3 written, 4 not yet.
        database.getCollection("counters").updateOne(new Document("_id", "events"),
                                                     new Document("$inc", new Document("next", 3L)));
        List<Document> written = List.of(rawEvent(2, 2, 4, "half", 0), rawEvent(3, 2, 4, "half", 1));
        database.getCollection("events").insertMany(written);

        assertThat(engine.readEvents(null, false).map(EventMessage::getIdentifier)).hasSize(1);
        assertThat(engine.readEvents("half").asStream()).isEmpty();
        TrackingToken afterFirst = engine.readEvents(null, false).toList().get(0).trackingToken();

        database.getCollection("events").insertOne(rawEvent(4, 2, 4, "half", 2));

        assertThat(engine.readEvents(afterFirst, false).map(m -> ((DomainEventMessage<?>) m).getSequenceNumber()))
                .containsExactly(0L, 1L, 2L);
        assertThat(engine.readEvents("half").asStream()).hasSize(3);
    }

    private static Document rawEvent(long index, long first, long last, String aggregate, long sequence) {
        // Documents of one append share an id; here the append is named by its first index.
        return EventDocuments.event(event(aggregate, sequence), SERIALIZER, index, first, first, last);
    }

    private static void appendAggregateRun(MongoEventStorageEngine engine, String aggregate, int firstSequence,
                                           int count) {
        List<EventMessage<?>> events = new ArrayList<>();
        IntStream.range(firstSequence, firstSequence + count).forEach(s -> events.add(event(aggregate, s)));
        engine.appendEvents(events);
    }

    private static DomainEventMessage<?> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("Test", aggregate, sequence, aggregate + "#" + sequence);
    }

    private MongoEventStorageEngine engine(MongoEventStorageEngine.Builder builder) {
        return configured(builder).build();
    }

    private MongoEventStorageEngine.Builder configured(MongoEventStorageEngine.Builder builder) {
        return builder.database(database).eventSerializer(SERIALIZER).snapshotSerializer(SERIALIZER).batchSize(100)
                      .indexAllocation(indexAllocation());
    }

    MongoEventStorageEngine.IndexAllocation indexAllocation() {
        return MongoEventStorageEngine.IndexAllocation.SHARED_COUNTER;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Follows the store the way a tracking processor does: batches of 100 from the last token, until all is seen. */
    private static final class Reader implements Runnable {

        private final MongoEventStorageEngine engine;
        private final int expected;
        final List<String> delivered = new ArrayList<>();
        final Map<String, Long> nextSequence = new HashMap<>();
        final Set<String> outOfSequence = new HashSet<>();
        volatile TrackingToken lastToken;
        int maxGaps;

        Reader(MongoEventStorageEngine engine, int expected) {
            this.engine = engine;
            this.expected = expected;
        }

        @Override
        public void run() {
            while (delivered.size() < expected && !Thread.currentThread().isInterrupted()) {
                List<? extends TrackedEventMessage<?>> batch = engine.readEvents(lastToken, false).limit(100).toList();
                if (batch.isEmpty()) {
                    sleep(5);
                    continue;
                }
                for (TrackedEventMessage<?> message : batch) {
                    delivered.add(message.getIdentifier());
                    DomainEventMessage<?> event = (DomainEventMessage<?>) message;
                    long expectedSequence = nextSequence.getOrDefault(event.getAggregateIdentifier(), 0L);
                    if (event.getSequenceNumber() != expectedSequence) {
                        outOfSequence.add(event.getAggregateIdentifier() + "@" + event.getSequenceNumber());
                    }
                    nextSequence.put(event.getAggregateIdentifier(), event.getSequenceNumber() + 1);
                    lastToken = message.trackingToken();
                    maxGaps = Math.max(maxGaps, ((GapAwareTrackingToken) lastToken).getGaps().size());
                }
            }
        }
    }
}
