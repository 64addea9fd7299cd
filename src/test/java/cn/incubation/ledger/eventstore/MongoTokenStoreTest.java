package cn.incubation.ledger.eventstore;

import cn.incubation.ledger.mongo.EmbeddedMongo;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.thoughtworks.xstream.XStream;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.ConfigToken;
import org.axonframework.eventhandling.tokenstore.GenericTokenEntry;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.xml.CompactDriver;
import org.axonframework.serialization.xml.XStreamSerializer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Axon Mongo extension's {@code MongoTokenStoreTest} (and {@code MongoTokenStoreSkipIndexTest}), run against its
 * {@link MongoTokenStore} on the embedded server instead of a MongoDB test container.
 * <p>
 * Nothing upstream was left out: none of its tests needs transactions, which the embedded server lacks (the store
 * runs them through its default {@code NoTransactionManager}). Added here: claim timeouts, hand-over after a release,
 * and tokens the ledger's processors store ({@link GapAwareTrackingToken}, also inside a {@link ReplayToken}).
 */
class MongoTokenStoreTest {

    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(5);
    private static final String PROCESSOR = "testProcessorName";
    private static final int SEGMENT = 9;
    private static final int SEGMENT_COUNT = 10;
    private static final String OWNER = "testOwner";
    private static final String OTHER_OWNER = "anotherOwner";

    private MongoDatabase database;
    private MongoTemplate mongoTemplate;
    private MongoCollection<Document> trackingTokens;
    private Serializer serializer;
    private MongoTokenStore tokenStore;
    private MongoTokenStore tokenStoreDifferentOwner;

    @BeforeEach
    void setUp() {
        database = EmbeddedMongo.freshDatabase();
        mongoTemplate = DefaultMongoTemplate.builder()
                                            .mongoDatabase(EmbeddedMongo.client(), database.getName())
                                            .build();
        trackingTokens = mongoTemplate.trackingTokensCollection();
        serializer = JacksonSerializer.defaultSerializer();
        tokenStore = tokenStore(OWNER);
        tokenStoreDifferentOwner = tokenStore(OTHER_OWNER);
    }

    @AfterEach
    void tearDown() {
        database.drop();
    }

    @Test
    void storedTokenIsFetchedBack() {
        tokenStore.initializeTokenSegments(PROCESSOR, SEGMENT + 1);
        assertNull(tokenStore.fetchToken(PROCESSOR, SEGMENT));

        TrackingToken token = new GlobalSequenceTrackingToken(1L);
        tokenStore.storeToken(token, PROCESSOR, SEGMENT);

        assertEquals(token, tokenStore.fetchToken(PROCESSOR, SEGMENT));
    }

    @Test
    void initializingTokenSegmentsCreatesEverySegment() {
        tokenStore.initializeTokenSegments("test1", 7);

        int[] actual = tokenStore.fetchSegments("test1");
        Arrays.sort(actual);
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 5, 6}, actual);
    }

    @Test
    void initializingTokenSegmentsAtAPositionGivesEverySegmentThatToken() {
        tokenStore.initializeTokenSegments("test1", 7, new GlobalSequenceTrackingToken(10));

        int[] actual = tokenStore.fetchSegments("test1");
        Arrays.sort(actual);
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 5, 6}, actual);
        for (int segment : actual) {
            assertEquals(new GlobalSequenceTrackingToken(10), tokenStore.fetchToken("test1", segment));
        }
    }

    @Test
    void initializingTokenSegmentsTwiceIsRefused() {
        tokenStore.initializeTokenSegments(PROCESSOR, SEGMENT_COUNT);

        assertThrows(UnableToClaimTokenException.class,
                     () -> tokenStore.initializeTokenSegments(PROCESSOR, SEGMENT_COUNT));
    }

    @Test
    void tokenClaimedByOneNodeCannotBeStoredByAnother() {
        tokenStore.initializeTokenSegments(PROCESSOR, SEGMENT_COUNT);
        assertNull(tokenStore.fetchToken(PROCESSOR, SEGMENT));
        TrackingToken token = new GlobalSequenceTrackingToken(1L);
        tokenStore.storeToken(token, PROCESSOR, SEGMENT);

        assertThrows(UnableToClaimTokenException.class,
                     () -> tokenStoreDifferentOwner.storeToken(token, PROCESSOR, SEGMENT));
    }

    @Test
    void claimHeldByOneNodeCannotBeExtendedByAnother() {
        tokenStore.initializeTokenSegments(PROCESSOR, SEGMENT_COUNT);
        assertNull(tokenStore.fetchToken(PROCESSOR, SEGMENT));

        assertThrows(UnableToClaimTokenException.class,
                     () -> tokenStoreDifferentOwner.extendClaim(PROCESSOR, SEGMENT));
    }

    @Test
    void ownerExtendsItsClaimWhileOthersCannotFetch() {
        TrackingToken token = new GlobalSequenceTrackingToken(1L);
        tokenStore.initializeSegment(token, PROCESSOR, SEGMENT);
        tokenStore.storeToken(token, PROCESSOR, SEGMENT);

        assertThrows(UnableToClaimTokenException.class,
                     () -> tokenStoreDifferentOwner.fetchToken(PROCESSOR, SEGMENT));
        tokenStore.extendClaim(PROCESSOR, SEGMENT);
    }

    @Test
    void releasedClaimCannotBeExtendedByAnotherNode() {
        tokenStore.initializeTokenSegments(PROCESSOR, SEGMENT_COUNT);
        tokenStore.storeToken(new GlobalSequenceTrackingToken(1L), PROCESSOR, SEGMENT);
        assertThrows(UnableToClaimTokenException.class,
                     () -> tokenStoreDifferentOwner.fetchToken(PROCESSOR, SEGMENT));

        tokenStore.releaseClaim(PROCESSOR, SEGMENT);

        assertThrows(UnableToClaimTokenException.class,
                     () -> tokenStoreDifferentOwner.extendClaim(PROCESSOR, SEGMENT));
    }

    @Test
    void releasedClaimCanBeTakenByAnotherNode() {
        TrackingToken token = new GlobalSequenceTrackingToken(7L);
        tokenStore.initializeTokenSegments(PROCESSOR, SEGMENT_COUNT);
        tokenStore.storeToken(token, PROCESSOR, SEGMENT);

        tokenStore.releaseClaim(PROCESSOR, SEGMENT);

        assertEquals(token, tokenStoreDifferentOwner.fetchToken(PROCESSOR, SEGMENT));
        tokenStoreDifferentOwner.storeToken(new GlobalSequenceTrackingToken(8L), PROCESSOR, SEGMENT);
        assertThrows(UnableToClaimTokenException.class, () -> tokenStore.extendClaim(PROCESSOR, SEGMENT));
        assertEquals(OTHER_OWNER, tokenDocument(PROCESSOR, SEGMENT).getString("owner"));
    }

    @Test
    void claimOlderThanClaimTimeoutIsTakenOverByAnotherNode() {
        TrackingToken token = new GlobalSequenceTrackingToken(3L);
        tokenStore.initializeSegment(token, PROCESSOR, SEGMENT);
        tokenStore.fetchToken(PROCESSOR, SEGMENT);
        assertThrows(UnableToClaimTokenException.class,
                     () -> tokenStoreDifferentOwner.fetchToken(PROCESSOR, SEGMENT));

        ageClaim(PROCESSOR, SEGMENT, CLAIM_TIMEOUT.plusSeconds(1));

        assertEquals(token, tokenStoreDifferentOwner.fetchToken(PROCESSOR, SEGMENT));
        assertEquals(OTHER_OWNER, tokenDocument(PROCESSOR, SEGMENT).getString("owner"));
        // The node that lost its claim must notice, so that it stops processing the segment.
        assertThrows(UnableToClaimTokenException.class, () -> tokenStore.extendClaim(PROCESSOR, SEGMENT));
        assertThrows(UnableToClaimTokenException.class,
                     () -> tokenStore.storeToken(new GlobalSequenceTrackingToken(4L), PROCESSOR, SEGMENT));
    }

    @Test
    void claimYoungerThanClaimTimeoutIsNotTakenOver() {
        tokenStore.initializeSegment(null, PROCESSOR, SEGMENT);
        tokenStore.fetchToken(PROCESSOR, SEGMENT);

        ageClaim(PROCESSOR, SEGMENT, CLAIM_TIMEOUT.minusSeconds(1));

        assertThrows(UnableToClaimTokenException.class,
                     () -> tokenStoreDifferentOwner.fetchToken(PROCESSOR, SEGMENT));
        tokenStore.extendClaim(PROCESSOR, SEGMENT);
    }

    @Test
    void segmentsOfEachProcessorAreFetched() {
        tokenStore.initializeTokenSegments("processor1", 3);
        tokenStore.initializeTokenSegments("processor2", 1);

        assertArrayEquals(new int[]{0, 1, 2}, tokenStore.fetchSegments("processor1"));
        assertArrayEquals(new int[]{0}, tokenStore.fetchSegments("processor2"));
        assertArrayEquals(new int[0], tokenStore.fetchSegments("processor3"));
    }

    @Test
    void availableSegmentsExcludeThoseClaimedByAnotherNode() {
        tokenStore.initializeTokenSegments("processor1", 3);
        tokenStoreDifferentOwner.fetchToken("processor1", 0);

        List<Segment> available = tokenStore.fetchAvailableSegments("processor1");

        assertEquals(List.of(Segment.computeSegment(1, 0, 1, 2), Segment.computeSegment(2, 0, 1, 2)), available);
        assertEquals(3, tokenStoreDifferentOwner.fetchAvailableSegments("processor1").size());
    }

    @Test
    void availableSegmentsIncludeThoseWhoseClaimTimedOut() {
        tokenStore.initializeTokenSegments("processor1", 2);
        tokenStoreDifferentOwner.fetchToken("processor1", 0);
        tokenStoreDifferentOwner.fetchToken("processor1", 1);
        assertTrue(tokenStore.fetchAvailableSegments("processor1").isEmpty());

        ageClaim("processor1", 1, CLAIM_TIMEOUT.plusSeconds(1));

        assertEquals(List.of(Segment.computeSegment(1, 0, 1)), tokenStore.fetchAvailableSegments("processor1"));
    }

    @Test
    void onlyOneOfManyNodesClaimsASegment() throws Exception {
        int attempts = 10;
        List<Callable<Integer>> nodes = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            int node = i;
            nodes.add(() -> {
                MongoTokenStore store = tokenStore(String.valueOf(node));
                GlobalSequenceTrackingToken token = new GlobalSequenceTrackingToken(node);
                try {
                    store.initializeSegment(token, PROCESSOR, SEGMENT);
                    store.storeToken(token, PROCESSOR, SEGMENT);
                    return node;
                } catch (UnableToClaimTokenException | UnableToInitializeTokenException e) {
                    return null;
                }
            });
        }

        List<Integer> winners = runTogether(nodes).stream().filter(Objects::nonNull).toList();

        assertEquals(1, winners.size());
        int winner = winners.get(0);
        assertEquals(new GlobalSequenceTrackingToken(winner),
                     tokenStore(String.valueOf(winner)).fetchToken(PROCESSOR, SEGMENT));
    }

    @Test
    void storedTokenIsFetchedBackWithXStreamSerializer() {
        MongoTokenStore store = tokenStore(OWNER, XStreamSerializer.builder()
                                                                   .xStream(new XStream(new CompactDriver()))
                                                                   .build());
        GlobalSequenceTrackingToken token = new GlobalSequenceTrackingToken(100);
        store.initializeSegment(token, "processorName", 0);

        store.storeToken(token, "processorName", 0);

        assertEquals(token, store.fetchToken("processorName", 0));
    }

    @Test
    void storedTokenIsFetchedBackWithJacksonSerializer() {
        MongoTokenStore store = tokenStore(OWNER, JacksonSerializer.builder().build());
        GlobalSequenceTrackingToken token = new GlobalSequenceTrackingToken(100);
        store.initializeSegment(token, "processorName", 0);

        store.storeToken(token, "processorName", 0);

        assertEquals(token, store.fetchToken("processorName", 0));
    }

    @Test
    void gapAwareTrackingTokenIsStoredAndFetchedWithItsGaps() {
        GapAwareTrackingToken initial = GapAwareTrackingToken.newInstance(5, List.of(2L, 4L));
        tokenStore.initializeSegment(initial, PROCESSOR, SEGMENT);
        assertEquals(initial, tokenStore.fetchToken(PROCESSOR, SEGMENT));

        GapAwareTrackingToken advanced = initial.advanceTo(4, 10_000).advanceTo(9, 10_000);
        tokenStore.storeToken(advanced, PROCESSOR, SEGMENT);

        TrackingToken fetched = tokenStore.fetchToken(PROCESSOR, SEGMENT);
        assertEquals(GapAwareTrackingToken.newInstance(9, List.of(2L, 6L, 7L, 8L)), fetched);
        assertEquals(advanced, fetched);
    }

    @Test
    void gapAwareTrackingTokenIsStoredAndFetchedWithXStreamSerializer() {
        MongoTokenStore store = tokenStore(OWNER, XStreamSerializer.builder()
                                                                   .xStream(new XStream(new CompactDriver()))
                                                                   .build());
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(12, List.of(3L, 11L));
        store.initializeSegment(null, PROCESSOR, SEGMENT);

        store.storeToken(token, PROCESSOR, SEGMENT);

        assertEquals(token, store.fetchToken(PROCESSOR, SEGMENT));
    }

    @Test
    void replayTokenAroundGapAwareTrackingTokenSurvivesTheStore() {
        GapAwareTrackingToken reset = GapAwareTrackingToken.newInstance(20, List.of(17L));
        TrackingToken replay = ReplayToken.createReplayToken(reset, GapAwareTrackingToken.newInstance(3, List.of()));
        tokenStore.initializeSegment(null, PROCESSOR, SEGMENT);

        tokenStore.storeToken(replay, PROCESSOR, SEGMENT);

        TrackingToken fetched = tokenStore.fetchToken(PROCESSOR, SEGMENT);
        assertInstanceOf(ReplayToken.class, fetched);
        assertEquals(replay, fetched);
    }

    @Test
    void tokenStoreRequiresExplicitSegmentInitialization() {
        assertTrue(tokenStore.requiresExplicitSegmentInitialization());
    }

    @Test
    void initializingASegmentWithoutTokenOnlyCreatesTheSegment() {
        tokenStore.initializeSegment(null, PROCESSOR, SEGMENT);

        assertArrayEquals(new int[]{SEGMENT}, tokenStore.fetchSegments(PROCESSOR));
        assertNull(tokenStore.fetchToken(PROCESSOR, SEGMENT));
    }

    @Test
    void initializingASegmentStoresTheGivenToken() {
        GlobalSequenceTrackingToken token = new GlobalSequenceTrackingToken(100);
        tokenStore.initializeSegment(token, PROCESSOR, SEGMENT);

        assertArrayEquals(new int[]{SEGMENT}, tokenStore.fetchSegments(PROCESSOR));
        assertEquals(token, tokenStore.fetchToken(PROCESSOR, SEGMENT));
    }

    @Test
    void initializingASegmentTwiceIsRefused() {
        GlobalSequenceTrackingToken token = new GlobalSequenceTrackingToken(100);
        tokenStore.initializeSegment(token, PROCESSOR, SEGMENT);

        assertThrows(UnableToInitializeTokenException.class,
                     () -> tokenStore.initializeSegment(token, PROCESSOR, SEGMENT));
    }

    @Test
    void ownerDeletesItsToken() {
        tokenStore.initializeSegment(null, PROCESSOR, SEGMENT);
        tokenStore.fetchToken(PROCESSOR, SEGMENT);
        assertNotNull(tokenDocument(PROCESSOR, SEGMENT));

        tokenStore.deleteToken(PROCESSOR, SEGMENT);

        assertNull(tokenDocument(PROCESSOR, SEGMENT));
    }

    @Test
    void unclaimedTokenCannotBeDeleted() {
        tokenStore.initializeSegment(null, PROCESSOR, SEGMENT);

        assertThrows(UnableToClaimTokenException.class, () -> tokenStore.deleteToken(PROCESSOR, SEGMENT));
        assertNotNull(tokenDocument(PROCESSOR, SEGMENT));
    }

    @Test
    void uniqueIndexOnProcessorAndSegmentIsCreated() {
        List<String> names = new ArrayList<>();
        trackingTokens.listIndexes().forEach(index -> names.add(index.getString("name")));

        assertTrue(names.contains("processorName_1_segment_1"), names.toString());
    }

    @Test
    void indexIsNotCreatedWhenSkipped() {
        MongoDatabase other = EmbeddedMongo.freshDatabase();
        try {
            MongoTemplate template = DefaultMongoTemplate.builder()
                                                         .mongoDatabase(EmbeddedMongo.client(), other.getName())
                                                         .build();
            MongoTokenStore.builder()
                           .mongoTemplate(template)
                           .serializer(serializer)
                           .claimTimeout(CLAIM_TIMEOUT)
                           .nodeId(OWNER)
                           .ensureIndexes(false)
                           .build();

            template.trackingTokensCollection().listIndexes()
                    .forEach(index -> assertFalse("processorName_1_segment_1".equals(index.getString("name"))));
        } finally {
            other.drop();
        }
    }

    @Test
    void storageIdentifierIsCreatedOnFirstRequest() {
        Bson configToken = Filters.and(Filters.eq("processorName", "__config"), Filters.eq("segment", 0));
        assertNull(trackingTokens.find(configToken).first());

        Optional<String> identifier = tokenStore.retrieveStorageIdentifier();

        assertTrue(identifier.isPresent());
        assertFalse(identifier.get().isEmpty());
        assertNotNull(trackingTokens.find(configToken).first());
        assertEquals(identifier, tokenStoreDifferentOwner.retrieveStorageIdentifier());
    }

    @Test
    void existingStorageIdentifierIsReturned() {
        String expected = UUID.randomUUID().toString();
        GenericTokenEntry<byte[]> entry = new GenericTokenEntry<>(new ConfigToken(Map.of("id", expected)),
                                                                  serializer, byte[].class, "__config", 0);
        trackingTokens.insertOne(new Document("processorName", entry.getProcessorName())
                                         .append("segment", entry.getSegment())
                                         .append("owner", entry.getOwner())
                                         .append("timestamp", entry.timestamp().toEpochMilli())
                                         .append("token", entry.getSerializedToken().getData())
                                         .append("tokenType", entry.getSerializedToken().getType().getName()));

        assertEquals(Optional.of(expected), tokenStore.retrieveStorageIdentifier());
    }

    @Test
    void onlyOneOfTwoNodesStoresAnUnclaimedToken() throws Exception {
        tokenStore.initializeSegment(null, PROCESSOR, SEGMENT);
        TrackingToken token = new GlobalSequenceTrackingToken(42);

        assertExactlyOneSucceeds(() -> {
            tokenStore.storeToken(token, PROCESSOR, SEGMENT);
            return true;
        }, () -> {
            tokenStoreDifferentOwner.storeToken(token, PROCESSOR, SEGMENT);
            return true;
        });
    }

    @Test
    void onlyTheOwnerOfTwoNodesDeletesAToken() throws Exception {
        tokenStore.initializeSegment(null, PROCESSOR, SEGMENT);
        tokenStore.storeToken(new GlobalSequenceTrackingToken(42), PROCESSOR, SEGMENT);

        Object winner = assertExactlyOneSucceeds(() -> {
            tokenStore.deleteToken(PROCESSOR, SEGMENT);
            return OWNER;
        }, () -> {
            tokenStoreDifferentOwner.deleteToken(PROCESSOR, SEGMENT);
            return OTHER_OWNER;
        });

        assertEquals(OWNER, winner);
        assertNull(tokenDocument(PROCESSOR, SEGMENT));
    }

    @Test
    void onlyOneOfTwoNodesClaimsAReleasedToken() throws Exception {
        TrackingToken token = new GlobalSequenceTrackingToken(42);
        tokenStore.initializeSegment(null, PROCESSOR, SEGMENT);
        tokenStore.storeToken(token, PROCESSOR, SEGMENT);
        tokenStore.releaseClaim(PROCESSOR, SEGMENT);

        Object fetched = assertExactlyOneSucceeds(() -> tokenStore.fetchToken(PROCESSOR, SEGMENT),
                                                  () -> tokenStoreDifferentOwner.fetchToken(PROCESSOR, SEGMENT));

        assertEquals(token, fetched);
    }

    @Test
    void onlyOneOfTwoNodesInitializesASegment() throws Exception {
        TrackingToken token = new GlobalSequenceTrackingToken(42);

        assertExactlyOneSucceeds(() -> {
            tokenStore.initializeSegment(token, PROCESSOR, SEGMENT);
            return true;
        }, () -> {
            tokenStoreDifferentOwner.initializeSegment(token, PROCESSOR, SEGMENT);
            return true;
        });

        assertArrayEquals(new int[]{SEGMENT}, tokenStore.fetchSegments(PROCESSOR));
    }

    @Test
    void nullTransactionManagerIsRejected() {
        MongoTokenStore.Builder builder = MongoTokenStore.builder();

        assertThrows(AxonConfigurationException.class, () -> builder.transactionManager(null));
    }

    // ------------------------------------------------------------------ helpers

    private MongoTokenStore tokenStore(String nodeId) {
        return tokenStore(nodeId, serializer);
    }

    private MongoTokenStore tokenStore(String nodeId, Serializer tokenSerializer) {
        return MongoTokenStore.builder()
                              .mongoTemplate(mongoTemplate)
                              .serializer(tokenSerializer)
                              .claimTimeout(CLAIM_TIMEOUT)
                              .contentType(byte[].class)
                              .nodeId(nodeId)
                              .build();
    }

    private Document tokenDocument(String processorName, int segment) {
        return trackingTokens.find(Filters.and(Filters.eq("processorName", processorName),
                                               Filters.eq("segment", segment))).first();
    }

    /**
     * Moves the claim's timestamp into the past. The store reads the system clock, which a test cannot set, so the
     * claim is aged instead.
     */
    private void ageClaim(String processorName, int segment, Duration age) {
        trackingTokens.updateOne(Filters.and(Filters.eq("processorName", processorName),
                                             Filters.eq("segment", segment)),
                                 Updates.set("timestamp", Instant.now().minus(age).toEpochMilli()));
    }

    /** Runs both at once; exactly one may return normally, and its result is returned. */
    private static Object assertExactlyOneSucceeds(Supplier<?> first, Supplier<?> second) throws Exception {
        List<Callable<Optional<Object>>> tasks = new ArrayList<>();
        for (Supplier<?> supplier : List.of(first, second)) {
            tasks.add(() -> {
                try {
                    return Optional.of(supplier.get());
                } catch (UnableToClaimTokenException | UnableToInitializeTokenException e) {
                    return Optional.empty();
                }
            });
        }
        List<Object> successes = runTogether(tasks).stream().flatMap(Optional::stream).toList();
        assertEquals(1, successes.size(), "successful nodes: " + successes);
        return successes.get(0);
    }

    /** Starts all tasks on their own threads at the same moment and collects their results in order. */
    private static <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(executor.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    // Only a guard against a hang, not a measurement.
                    results.add(future.get(1, TimeUnit.MINUTES));
                } catch (ExecutionException e) {
                    throw new AssertionError("a node failed unexpectedly", e.getCause());
                }
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }
}
