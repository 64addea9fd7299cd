package cn.incubation.ledger.eventstore;

import cn.incubation.ledger.mongo.EmbeddedMongo;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static cn.incubation.ledger.eventstore.EventSchema.COUNTER_ID;
import static cn.incubation.ledger.eventstore.EventSchema.COUNTER_VALUE;
import static cn.incubation.ledger.eventstore.EventSchema.EVENT_IDENTIFIER;
import static cn.incubation.ledger.eventstore.EventSchema.ID;
import static cn.incubation.ledger.eventstore.EventSchema.C_PAYLOAD_TYPE;
import static cn.incubation.ledger.eventstore.EventSchema.TOMBSTONE;
import static org.axonframework.eventsourcing.utils.EventStoreTestUtils.AGGREGATE;
import static org.axonframework.eventsourcing.utils.EventStoreTestUtils.createEvent;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gap handling of the {@link MongoEventStorageEngine}: the gap cases of Axon's {@code JdbcEventStorageEngineTest},
 * ported, plus the cases that come from appends becoming visible only when their last document is written.
 * <p>
 * Gaps are made the way they arise in this engine: indexes are reserved on the counter and then written late, in
 * part, or never, with documents in the engine's own format.
 */
class MongoEventStorageEngineGapTest {

    private static final Duration GAP_TIMEOUT = Duration.ofSeconds(60);

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private Clock originalClock;
    private Instant now;
    private MongoDatabase database;
    private MongoCollection<Document> events;
    private MongoCollection<Document> counters;
    private MongoEventStorageEngine engine;

    @BeforeEach
    void setUp() {
        originalClock = GenericEventMessage.clock;
        // Mongo keeps milliseconds; a whole-millisecond "now" keeps stored and computed instants comparable.
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        setClock(now);
        database = EmbeddedMongo.freshDatabase();
        events = database.getCollection("events");
        counters = database.getCollection("counters");
        engine = createEngine(b -> b);
    }

    @AfterEach
    void tearDown() {
        GenericEventMessage.clock = originalClock;
        database.drop();
    }

    // ------------------------------------------------------------------ ported from JdbcEventStorageEngineTest

    @Test
    void gapsBeforeVeryOldEventsAreNotIncluded() {
        appendAfterGapAt(now.minus(1, ChronoUnit.HOURS), 0);                  // gap 1, event 2
        appendAfterGapAt(now.minus(2, ChronoUnit.MINUTES), 1);                // gap 3, event 4
        appendAfterGapAt(now.minus(50, ChronoUnit.SECONDS), 2);               // gap 5, event 6
        appendAfterGapAt(now, 3);                                             // gap 7, event 8

        List<? extends TrackedEventData<?>> batch = engine.fetchTrackedEvents(null, 100);

        assertEquals(List.of(2L, 4L, 6L, 8L), batch.stream().map(d -> tokenOf(d).getIndex()).toList());
        batch.forEach(d -> assertTrue(tokenOf(d).getGaps().stream().allMatch(gap -> gap >= 5),
                                      "gaps older than a timed-out event remain in " + d.trackingToken()));
        assertEquals(Set.of(5L, 7L), tokenOf(batch.get(3)).getGaps());
        // Gaps are given up by settling them, never by forgetting them.
        assertTombstone(1);
        assertTombstone(3);
        assertNull(document(5));
        assertNull(document(7));
    }

    @Test
    void oldGapsAreRemovedFromProvidedTrackingToken() {
        engine = createEngine(b -> b.gapTimeout(Duration.ofMillis(50_001)));
        reserve(50);                                                             // gaps 1..50
        appendAfterGapAt(now.minus(1, ChronoUnit.HOURS), 0);                   // gap 51, event 52
        appendAfterGapAt(now.minus(2, ChronoUnit.MINUTES), 1);                 // gap 53, event 54
        appendAfterGapAt(now.minus(50, ChronoUnit.SECONDS), 2);                // gap 55, event 56
        appendAfterGapAt(now, 3);                                              // gap 57, event 58
        List<Long> gaps = LongStream.rangeClosed(1, 56)
                                    .filter(i -> i != 52 && i != 54 && i != 56)
                                    .boxed()
                                    .toList();

        List<? extends TrackedEventData<?>> batch =
                engine.fetchTrackedEvents(GapAwareTrackingToken.newInstance(57, gaps), 100);

        assertEquals(1, batch.size());
        // Event 54 is older than the gap timeout, so every gap before it is given up; 56 is not, so 55 stays.
        assertEquals(55L, tokenOf(batch.get(0)).getGaps().first());
    }

    @Test
    void eventsWithUnknownPayloadTypeDoNotBreakReading() {
        engine = createEngine(b -> b.batchSize(2));
        engine.appendEvents(createEvent(AGGREGATE, 1, "Payload1"), createEvent(AGGREGATE, 2, "Payload2"));
        events.updateMany(Filters.exists(C_PAYLOAD_TYPE), Updates.set(C_PAYLOAD_TYPE, "unknown"));
        engine.appendEvents(createEvent(AGGREGATE, 3, "Payload3"), createEvent(AGGREGATE, 4, "Payload4"));

        List<Object> payloads = engine.readEvents(null, false)
                                      .map(EventMessage::getPayload)
                                      .filter(String.class::isInstance)
                                      .collect(Collectors.toList());
        assertEquals(List.of("Payload3", "Payload4"), payloads);

        EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
        try (TrackingEventStream stream = eventStore.openStream(null)) {
            assertTrue(stream.hasNextAvailable());
            assertEquals(UnknownSerializedType.class, stream.nextAvailable().getPayloadType());
            assertEquals(UnknownSerializedType.class, stream.nextAvailable().getPayloadType());
            assertEquals("Payload3", stream.nextAvailable().getPayload());
            assertEquals("Payload4", stream.nextAvailable().getPayload());
            assertFalse(stream.hasNextAvailable());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            eventStore.shutDown();
        }
    }

    @Test
    void streamCrossesConsecutiveGapsOfMoreThanBatchSize() {
        engine = createEngine(b -> b.batchSize(10));
        engine.appendEvents(aggregateEvents(0, 20));   // indexes 1..20
        reserve(20);                                   // 21..40, never written
        engine.appendEvents(aggregateEvents(20, 60));  // 41..100

        List<? extends TrackedEventMessage<?>> read = engine.readEvents(null, false).toList();

        assertEquals(80, read.size());
        assertEquals(LongStream.concat(LongStream.rangeClosed(1, 20), LongStream.rangeClosed(41, 100)).boxed().toList(),
                     read.stream().map(m -> indexOf(m.trackingToken())).toList());
    }

    @Test
    void streamCrossesInitialConsecutiveGapsOfMoreThanBatchSize() {
        engine = createEngine(b -> b.batchSize(10));
        reserve(20);                                   // 1..20, never written
        engine.appendEvents(aggregateEvents(0, 80));  // 21..100

        List<? extends TrackedEventMessage<?>> read = engine.readEvents(null, false).toList();

        assertEquals(80, read.size());
        assertEquals(21L, indexOf(read.get(0).trackingToken()));
        assertEquals(100L, indexOf(read.get(79).trackingToken()));
    }

    @Test
    void lastSequenceNumberIsThatOfTheLastStoredEvent() {
        engine.appendEvents(createEvent("other", 0), createEvent("other", 1));

        assertEquals(1L, engine.lastSequenceNumberFor("other").orElse(-1L));
        assertFalse(engine.lastSequenceNumberFor("inexistent").isPresent());
    }

    @Test
    void aggregateStreamWithSequenceGapIsReadCompletely() {
        engine = createEngine(b -> b.batchSize(10));
        engine.appendEvents(createEvent(0), createEvent(1), createEvent(3), createEvent(4));

        assertEquals(List.of(0L, 1L, 3L, 4L), sequenceNumbers(engine.readEvents(AGGREGATE, 0L)));
    }

    @Test
    void aggregateStreamWithSequenceGapExceedingOneBatchIsReadCompletely() {
        engine = createEngine(b -> b.batchSize(5));
        engine.appendEvents(createEvent(0), createEvent(1), createEvent(3), createEvent(4),
                            createEvent(5), createEvent(6), createEvent(7));

        assertEquals(List.of(0L, 1L, 3L, 4L, 5L, 6L, 7L), sequenceNumbers(engine.readEvents(AGGREGATE, 0L)));
    }

    // ------------------------------------------------------------------ gaps in this engine

    @Test
    void gapFilledAfterTokenPassedIsDeliveredOnce() {
        engine.appendEvents(createEvent("a", 0));                  // 1
        long late = reserve(1);                                    // 2: a writer that is slow to write
        engine.appendEvents(createEvent("a", 1));                  // 3

        List<? extends TrackedEventMessage<?>> first = engine.readEvents(null, false).toList();
        assertEquals(List.of(1L, 3L), first.stream().map(m -> indexOf(m.trackingToken())).toList());
        GapAwareTrackingToken passed = (GapAwareTrackingToken) first.get(1).trackingToken();
        assertEquals(Set.of(late), passed.getGaps());

        DomainEventMessage<String> lateEvent = createEvent("b", 0);
        events.insertOne(eventDocument(late, late, late, lateEvent));
        engine.appendEvents(createEvent("a", 2));                  // 4

        List<? extends TrackedEventMessage<?>> second = engine.readEvents(passed, false).toList();
        assertEquals(List.of(lateEvent.getIdentifier(), second.get(1).getIdentifier()), identifiers(second));
        assertEquals(GapAwareTrackingToken.newInstance(3, List.of()), second.get(0).trackingToken());
        assertEquals(GapAwareTrackingToken.newInstance(4, List.of()), second.get(1).trackingToken());
        assertTrue(engine.readEvents(second.get(1).trackingToken(), false).toList().isEmpty());

        List<String> fromStart = identifiers(engine.readEvents(null, false).toList());
        assertEquals(4, fromStart.size());
        assertEquals(4, Set.copyOf(fromStart).size());
    }

    @Test
    void gapIsKeptUntilGapTimeoutThenTombstoned() {
        engine.appendEvents(createEvent("a", 0));                  // 1
        long gap = reserve(1);                                     // 2, never written
        engine.appendEvents(createEvent("a", 1));                  // 3
        TrackingToken token = lastToken(engine.fetchTrackedEvents(null, 100));
        assertEquals(GapAwareTrackingToken.newInstance(3, List.of(gap)), token);

        setClock(now.plus(GAP_TIMEOUT).minusSeconds(1));
        assertTrue(engine.fetchTrackedEvents(token, 100).isEmpty());
        assertNull(document(gap), "a gap younger than the gap timeout is left for its writer");

        setClock(now.plus(GAP_TIMEOUT).plusSeconds(1));
        assertTrue(engine.fetchTrackedEvents(token, 100).isEmpty());
        assertTombstone(gap);

        engine.appendEvents(createEvent("a", 2));                  // 4
        List<? extends TrackedEventData<?>> next = engine.fetchTrackedEvents(token, 100);
        assertEquals(1, next.size());
        assertEquals(GapAwareTrackingToken.newInstance(4, List.of()), next.get(0).trackingToken());
    }

    @Test
    void gapFallingMoreThanMaxGapOffsetBehindIsTombstoned() {
        engine = createEngine(b -> b.maxGapOffset(5));
        engine.appendEvents(createEvent("a", 0));                  // 1
        long gap = reserve(1);                                     // 2, never written
        engine.appendEvents(aggregateEvents("a", 1, 10));          // 3..12

        List<? extends TrackedEventData<?>> batch = engine.fetchTrackedEvents(null, 100);

        assertEquals(11, batch.size());
        assertEquals(GapAwareTrackingToken.newInstance(7, List.of(gap)), batch.get(5).trackingToken());
        assertEquals(GapAwareTrackingToken.newInstance(8, List.of()), batch.get(6).trackingToken());
        assertTombstone(gap);
    }

    @Test
    void pendingAppendIsDeliveredOnlyOnceItCommits() {
        engine.appendEvents(createEvent("a", 0));                  // 1
        long first = reserve(3);                                   // 2..4: an append of three events to "b"
        long last = first + 2;
        List<DomainEventMessage<String>> pending = List.of(createEvent("b", 0), createEvent("b", 1),
                                                           createEvent("b", 2));
        events.insertOne(eventDocument(first, first, last, pending.get(0)));
        events.insertOne(eventDocument(first + 1, first, last, pending.get(1)));
        engine.appendEvents(createEvent("a", 1));                  // 5

        List<? extends TrackedEventData<?>> before = engine.fetchTrackedEvents(null, 100);
        assertEquals(List.of(1L, 5L), before.stream().map(d -> tokenOf(d).getIndex()).toList());
        TrackingToken token = lastToken(before);
        assertEquals(GapAwareTrackingToken.newInstance(5, List.of(2L, 3L, 4L)), token);
        assertEquals(List.of(), sequenceNumbers(engine.readEvents("b", 0L)));
        assertFalse(engine.lastSequenceNumberFor("b").isPresent());

        events.insertOne(eventDocument(last, first, last, pending.get(2)));

        List<? extends TrackedEventMessage<?>> after = engine.readEvents(token, false).toList();
        assertEquals(pending.stream().map(EventMessage::getIdentifier).toList(), identifiers(after));
        assertEquals(List.of(GapAwareTrackingToken.newInstance(5, List.of(3L, 4L)),
                             GapAwareTrackingToken.newInstance(5, List.of(4L)),
                             GapAwareTrackingToken.newInstance(5, List.of())),
                     after.stream().map(TrackedEventMessage::trackingToken).toList());
        assertEquals(List.of(0L, 1L, 2L), sequenceNumbers(engine.readEvents("b", 0L)));
        assertEquals(2L, engine.lastSequenceNumberFor("b").orElse(-1L));
        assertEquals(LongStream.rangeClosed(1, 5).boxed().toList(),
                     engine.readEvents(null, false).map(m -> indexOf(m.trackingToken())).toList());
    }

    @Test
    void pendingAppendOlderThanGapTimeoutIsAbortedAndItsSequenceFreed() {
        engine.appendEvents(createEvent("a", 0));                  // 1
        long first = reserve(2);                                   // 2..3: its writer dies after writing 2
        DomainEventMessage<String> abandoned = createEvent("b", 0);
        events.insertOne(eventDocument(first, first, first + 1, abandoned));
        engine.appendEvents(createEvent("a", 1));                  // 4
        TrackingToken token = lastToken(engine.fetchTrackedEvents(null, 100));
        assertEquals(GapAwareTrackingToken.newInstance(4, List.of(2L, 3L)), token);

        setClock(now.plus(GAP_TIMEOUT).plusSeconds(1));
        assertTrue(engine.fetchTrackedEvents(token, 100).isEmpty());
        assertTombstone(first + 1);
        assertTombstone(first);

        DomainEventMessage<String> retried = createEvent("b", 0);
        assertDoesNotThrow(() -> engine.appendEvents(retried));

        List<? extends TrackedEventMessage<?>> read = engine.readEvents(token, false).toList();
        assertEquals(List.of(retried.getIdentifier()), identifiers(read));
        assertTrue(((GapAwareTrackingToken) read.get(0).trackingToken()).getGaps().isEmpty());
        assertEquals(List.of(retried.getIdentifier()), identifiers(engine.readEvents("b", 0L)));
        assertFalse(identifiers(engine.readEvents(null, false).toList()).contains(abandoned.getIdentifier()));
    }

    @Test
    void writerClearsAbandonedPendingAppendThatHoldsItsSequence() {
        setClock(now.minus(GAP_TIMEOUT).minusSeconds(1));
        DomainEventMessage<String> abandoned = createEvent("b", 0);
        setClock(now);
        long first = reserve(2);
        events.insertOne(eventDocument(first, first, first + 1, abandoned));

        DomainEventMessage<String> retried = createEvent("b", 0);
        assertDoesNotThrow(() -> engine.appendEvents(retried));

        assertEquals(List.of(retried.getIdentifier()), identifiers(engine.readEvents("b", 0L)));
        assertEquals(List.of(retried.getIdentifier()), identifiers(engine.readEvents(null, false).toList()));
        assertTombstone(first);
        assertTombstone(first + 1);
    }

    @Test
    void writerLeavesRecentPendingAppendThatHoldsItsSequenceAlone() {
        long first = reserve(2);
        DomainEventMessage<String> pending = createEvent("b", 0);
        events.insertOne(eventDocument(first, first, first + 1, pending));

        assertThrows(AggregateStreamCreationException.class, () -> engine.appendEvents(createEvent("b", 0)));

        // Its writer may still be alive: once it writes its last document, its append counts.
        assertEquals(pending.getIdentifier(), document(first).getString(EVENT_IDENTIFIER));
        events.insertOne(eventDocument(first + 1, first, first + 1, createEvent("b", 1)));
        assertEquals(List.of(0L, 1L), sequenceNumbers(engine.readEvents("b", 0L)));
        assertEquals(2, engine.readEvents(null, false).count());
    }

    @Test
    void lateInsertIntoTombstonedGapFailsWithDuplicateKey() {
        engine.appendEvents(createEvent("a", 0));                  // 1
        long first = reserve(2);                                   // 2..3: a writer that stalls before writing
        engine.appendEvents(createEvent("a", 1));                  // 4
        TrackingToken token = lastToken(engine.fetchTrackedEvents(null, 100));
        setClock(now.plus(GAP_TIMEOUT).plusSeconds(1));
        engine.fetchTrackedEvents(token, 100);
        assertTombstone(first);
        assertTombstone(first + 1);

        List<DomainEventMessage<String>> late = List.of(createEvent("b", 0), createEvent("b", 1));
        MongoBulkWriteException refused = assertThrows(MongoBulkWriteException.class, () -> events.insertMany(
                List.of(eventDocument(first, first, first + 1, late.get(0)),
                        eventDocument(first + 1, first, first + 1, late.get(1)))));

        assertEquals(ErrorCategory.DUPLICATE_KEY,
                     ErrorCategory.fromErrorCode(refused.getWriteErrors().get(0).getCode()));
        List<String> delivered = identifiers(engine.readEvents(null, false).toList());
        assertEquals(2, delivered.size());
        late.forEach(event -> assertFalse(delivered.contains(event.getIdentifier())));
    }

    @Test
    void pendingAppendCutOffBehindMaxGapOffsetDoesNotBlockItsAggregate() {
        engine = createEngine(b -> b.maxGapOffset(2));
        long first = reserve(2);                                   // 1..2: its writer dies after writing 1
        DomainEventMessage<String> abandoned = createEvent("b", 0);
        events.insertOne(eventDocument(first, first, first + 1, abandoned));
        engine.appendEvents(aggregateEvents("a", 0, 4));           // 3..6

        assertEquals(4, engine.readEvents(null, false).count());
        assertTombstone(first + 1);

        // The tombstone at its last index aborted the append; what it had written must not keep holding "0@b".
        DomainEventMessage<String> retried = createEvent("b", 0);
        assertDoesNotThrow(() -> engine.appendEvents(retried));
        assertEquals(List.of(retried.getIdentifier()), identifiers(engine.readEvents("b", 0L)));
    }

    @Test
    void pendingAppendCutOffByOldLaterEventDoesNotBlockItsAggregate() {
        long first = reserve(2);                                   // 1..2: its writer dies after writing 1
        DomainEventMessage<String> abandoned = createEvent("b", 0);
        events.insertOne(eventDocument(first, first, first + 1, abandoned));
        setClock(now.minus(GAP_TIMEOUT).minusSeconds(1));
        DomainEventMessage<String> old = createEvent("a", 0);     // created long before it was appended
        setClock(now);
        engine.appendEvents(old);                                  // 3

        assertEquals(List.of(old.getIdentifier()), identifiers(engine.readEvents(null, false).toList()));
        assertTombstone(first + 1);

        // The tombstone at its last index aborted the append; what it had written must not keep holding "0@b".
        DomainEventMessage<String> retried = createEvent("b", 0);
        assertDoesNotThrow(() -> engine.appendEvents(retried));
        assertEquals(List.of(retried.getIdentifier()), identifiers(engine.readEvents("b", 0L)));
    }

    // ------------------------------------------------------------------ helpers

    private MongoEventStorageEngine createEngine(UnaryOperator<MongoEventStorageEngine.Builder> customization) {
        MongoEventStorageEngine.Builder builder = MongoEventStorageEngine.builder()
                                                                         .database(database)
                                                                         .eventSerializer(serializer)
                                                                         .snapshotSerializer(serializer)
                                                                         .gapTimeout(GAP_TIMEOUT);
        return customization.apply(builder).build();
    }

    private static void setClock(Instant instant) {
        GenericEventMessage.clock = Clock.fixed(instant, ZoneOffset.UTC);
    }

    /** Reserves {@code count} global indexes the way a writer does, and returns the first of them. */
    private long reserve(int count) {
        Document counter = counters.findOneAndUpdate(
                Filters.eq(ID, COUNTER_ID), Updates.inc(COUNTER_VALUE, (long) count),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return ((Number) counter.get(COUNTER_VALUE)).longValue() - count + 1;
    }

    /** Leaves one reserved index unwritten, then appends event {@code sequence} of the aggregate, created at {@code time}. */
    private void appendAfterGapAt(Instant time, long sequence) {
        setClock(time);
        DomainEventMessage<String> event = createEvent(sequence);
        setClock(now);
        reserve(1);
        engine.appendEvents(event);
    }

    /** A document as the engine writes it, at {@code index}, in the append {@code [first..last]}. */
    private Document eventDocument(long index, long first, long last, DomainEventMessage<?> event) {
        // Documents of one append share an id; here the append is named by its first index.
        return EventDocuments.event(event, serializer, index, first, first, last);
    }

    private Document document(long index) {
        return events.find(Filters.eq(ID, index)).first();
    }

    private void assertTombstone(long index) {
        Document document = document(index);
        assertNotNull(document, "no document at " + index);
        assertEquals(Boolean.TRUE, document.getBoolean(TOMBSTONE), "not a tombstone at " + index + ": " + document);
    }

    private static List<DomainEventMessage<?>> aggregateEvents(long fromSequence, int count) {
        return aggregateEvents(AGGREGATE, fromSequence, count);
    }

    private static List<DomainEventMessage<?>> aggregateEvents(String aggregate, long fromSequence, int count) {
        return IntStream.range(0, count)
                        .<DomainEventMessage<?>>mapToObj(i -> createEvent(aggregate, fromSequence + i))
                        .toList();
    }

    private static GapAwareTrackingToken tokenOf(TrackedEventData<?> data) {
        return (GapAwareTrackingToken) data.trackingToken();
    }

    private static TrackingToken lastToken(List<? extends TrackedEventData<?>> batch) {
        return batch.get(batch.size() - 1).trackingToken();
    }

    private static long indexOf(TrackingToken token) {
        return ((GapAwareTrackingToken) token).getIndex();
    }

    private static List<String> identifiers(List<? extends EventMessage<?>> messages) {
        return messages.stream().map(EventMessage::getIdentifier).collect(Collectors.toList());
    }

    private static List<String> identifiers(DomainEventStream stream) {
        return stream.asStream().map(EventMessage::getIdentifier).collect(Collectors.toList());
    }

    private static List<Long> sequenceNumbers(DomainEventStream stream) {
        List<Long> result = new ArrayList<>();
        stream.asStream().forEach(event -> result.add(event.getSequenceNumber()));
        return result;
    }
}
