package cn.incubation.ledger.verification;

import cn.incubation.ledger.eventstore.EventHash;
import cn.incubation.ledger.eventstore.EventScan;
import cn.incubation.ledger.eventstore.MongoEventStorageEngine;
import cn.incubation.ledger.eventstore.StoredEntry;
import cn.incubation.ledger.mongo.EmbeddedMongo;
import cn.incubation.ledger.verification.mongo.MongoCheckpointStore;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Each kind of tampering done the way someone with the MongoDB driver and no ledger code would do it (decoding the
 * compact documents, changing them, writing them back), and verification naming the place.
 * <p>
 * The ledger of every test: three tenants a, b and c, five rounds of one single-event append each, then one append of
 * two more events of a. Event r of a stands at global index 3r + 1, of b at 3r + 2, of c at 3r + 3; a #5 and #6 at
 * 16 and 17. A checkpoint is made at 17 before each tampering.
 */
class TamperEvidenceTest {

    private static final String A = "tenant-a";
    private static final String B = "tenant-b";
    private static final String C = "tenant-c";

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private MongoDatabase database;
    private MongoCollection<Document> events;
    private MongoEventStorageEngine engine;
    private LedgerVerification verification;

    @BeforeEach
    void setUp() {
        database = EmbeddedMongo.freshDatabase();
        events = database.getCollection("events");
        engine = MongoEventStorageEngine.builder().database(database).eventSerializer(serializer)
                                        .snapshotSerializer(serializer).build();
        verification = verification("");
        for (int round = 0; round < 5; round++) {
            for (String tenant : List.of(A, B, C)) {
                engine.appendEvents(event(tenant, round));
            }
        }
        engine.appendEvents(event(A, 5), event(A, 6));
    }

    @AfterEach
    void tearDown() {
        database.drop();
    }

    @Test
    void untamperedLedgerVerifiesWithTheDigestOfItsCheckpoint() {
        Checkpoint checkpoint = checkpoint();

        Verification verified = verify();

        assertThat(verified.ok()).as(verified.problems().toString()).isTrue();
        assertThat(verified.checked()).isEqualTo(17);
        assertThat(verified.head()).isEqualTo(17);
        assertThat(verified.checkpoints()).isEqualTo(1);
        assertThat(checkpoint.position()).isEqualTo(17);
        assertThat(checkpoint.count()).isEqualTo(17);
        assertThat(checkpoint.aggregate()).isEqualTo(A);
        assertThat(checkpoint.sequence()).isEqualTo(6);
        assertThat(verified.digest()).isEqualTo(checkpoint.digest());
        // The digest is the running SHA-256 over the stored hashes in global-index order, computable without the
        // ledger; and each event holds the hash of its aggregate's previous one.
        assertThat(checkpoint.digest()).isEqualTo(runningDigestOfStoredHashes());
        assertThat(bytes(at(4), "hp")).isEqualTo(bytes(at(1), "h"));
        assertThat(bytes(at(17), "hp")).isEqualTo(bytes(at(16), "h"));
        assertThat(bytes(at(1), "hp")).isEqualTo(new byte[32]);
    }

    @Test
    void anotherEngineChainsToWhatThisOneWrote() {
        // A second node (a fresh engine remembers nothing) finds the previous hash through the key.
        MongoEventStorageEngine other = MongoEventStorageEngine.builder().database(database).eventSerializer(serializer)
                                                               .snapshotSerializer(serializer).build();
        other.appendEvents(event(A, 7), event(B, 5));

        assertThat(bytes(at(18), "hp")).isEqualTo(bytes(at(17), "h"));
        assertThat(bytes(at(19), "hp")).isEqualTo(bytes(at(14), "h"));
        Verification verified = verify();
        assertThat(verified.ok()).as(verified.problems().toString()).isTrue();
        assertThat(verified.checked()).isEqualTo(19);
    }

    @Test
    void theFirstEngineNotesWhereHashingBeganAndLaterOnesLeaveIt() {
        MongoEventStorageEngine.builder().database(database).eventSerializer(serializer)
                               .snapshotSerializer(serializer).build();

        assertThat(new EventScan(database).hashedFrom()).hasValue(1L);
    }

    @Test
    void editedPayloadIsNamedAtItsPlace() {
        checkpoint();
        Document event = at(7);
        byte[] payload = bytes(event, "p");
        payload[payload.length - 2] = '9';
        events.updateOne(Filters.eq("_id", 7L), Updates.set("p", new Binary(payload)));

        assertThat(places(verify())).containsExactly(tuple(7L, A, 2L, "payload-edited"));
    }

    @Test
    void editedMetadataIsNamedAtItsPlace() {
        checkpoint();
        Document event = at(5);
        String metaData = new String(bytes(event, "m"), StandardCharsets.UTF_8);
        assertThat(metaData).contains("\"actor\":\"operator-b\"");
        events.updateOne(Filters.eq("_id", 5L), Updates.set("m", new Binary(
                metaData.replace("operator-b", "mallory").getBytes(StandardCharsets.UTF_8))));

        assertThat(places(verify())).containsExactly(tuple(5L, B, 1L, "metadata-edited"));
    }

    @Test
    void deletedEventIsNamedAtItsPlace() {
        checkpoint();
        events.deleteOne(Filters.eq("_id", 8L));

        Verification verified = verify();

        assertThat(places(verified)).containsExactly(tuple(8L, B, 2L, "deleted"),
                                                     tuple(17L, A, 6L, "checkpoint-mismatch"));
        assertThat(verified.problems().get(0).detail()).contains("holds nothing");
    }

    @Test
    void eventReplacedByATombstoneIsNamedAtItsPlace() {
        checkpoint();
        events.replaceOne(Filters.eq("_id", 8L), new Document("_id", 8L).append("first", 8L).append("last", 8L)
                                                                          .append("key", "~8")
                                                                          .append("eventIdentifier", "~8")
                                                                          .append("tombstone", true));

        Verification verified = verify();

        assertThat(places(verified)).containsExactly(tuple(8L, B, 2L, "deleted"),
                                                     tuple(17L, A, 6L, "checkpoint-mismatch"));
        assertThat(verified.problems().get(0).detail()).contains("tombstone");
    }

    @Test
    void deletedLastEventOfAnAggregateLeavesAnEmptyIndexBelowLaterEvents() {
        checkpoint();
        events.deleteOne(Filters.eq("_id", 15L));

        assertThat(places(verify())).containsExactly(tuple(15L, null, null, "index-missing"),
                                                     tuple(17L, A, 6L, "checkpoint-mismatch"));
    }

    @Test
    void insertedEventIsNamedAtItsPlace() {
        checkpoint();
        // A copy of c's last event, made into its next one at the next free global index, with a made-up hash.
        Document forged = at(15);
        forged.put("_id", 18L);
        forged.put("key", C + "#5");
        forged.put("eventIdentifier", UUID.randomUUID().toString());
        byte[] madeUp = new byte[32];
        new Random(7).nextBytes(madeUp);
        forged.put("h", new Binary(madeUp));
        events.insertOne(forged);

        assertThat(places(verify())).containsExactly(tuple(18L, C, 5L, "inserted"));
    }

    @Test
    void twoEventsSwappedAreNamedAtBothPlaces() {
        checkpoint();
        swap(4, 9);

        Verification verified = verify();

        assertThat(places(verified)).containsExactly(tuple(4L, C, 2L, "reordered"), tuple(9L, A, 1L, "reordered"),
                                                     tuple(17L, A, 6L, "checkpoint-mismatch"));
        assertThat(verified.problems().get(0).detail()).contains("global index 9");
    }

    @Test
    void twoEventsOfOneAggregateSwappedAreNamedAtBothPlaces() {
        checkpoint();
        swap(10, 13);

        assertThat(places(verify())).containsExactly(tuple(10L, A, 4L, "reordered"), tuple(13L, A, 3L, "reordered"),
                                                     tuple(17L, A, 6L, "checkpoint-mismatch"));
    }

    @Test
    void truncatedTailIsNamedByTheCheckpointItFallsBelow() {
        Checkpoint checkpoint = checkpoint();
        events.deleteMany(Filters.gte("_id", 15L));

        Verification verified = verify();

        assertThat(places(verified)).containsExactly(tuple(17L, A, 6L, "truncated"));
        assertThat(verified.problems().get(0).detail()).contains("ends at global index 14");
        assertThat(verified.head()).isEqualTo(14);
        assertThat(checkpoint.position()).isEqualTo(17);
    }

    @Test
    void truncatedTailAndItsCheckpointsGoneIsCaughtByTheDigestKeptElsewhere() {
        Checkpoint kept = checkpoint();
        events.deleteMany(Filters.gte("_id", 15L));
        database.getCollection("ledger_checkpoints").deleteMany(new Document());

        assertThat(verify().ok()).isTrue();
        assertThat(places(verification.verify(new CheckpointReference(kept.position(), kept.digest()),
                                              LedgerVerification.Progress.NONE)))
                .containsExactly(tuple(17L, null, null, "truncated"));
        assertThat(places(verification.verify(CheckpointReference.parse(kept.digest()),
                                              LedgerVerification.Progress.NONE)))
                .containsExactly(tuple(null, null, null, "checkpoint-missing"));
    }

    @Test
    void eventRewrittenWithItsHashRecomputedBreaksItsSuccessorsLink() {
        checkpoint();
        // Someone who knows the hashing: a payload changed and the document's own hash made to fit.
        Document event = at(7);
        byte[] payload = bytes(event, "p");
        payload[payload.length - 2] = '9';
        StoredEntry stored = new EventScan(database).read(7, 7).get(0);
        byte[] recomputed = new EventHash().hash(stored.eventIdentifier(), stored.type(), A, 2, 7, stored.timestamp(),
                                                 stored.payloadType(), stored.payloadRevision(), payload,
                                                 stored.metaData(), stored.append(), stored.range(),
                                                 stored.previousHash());
        events.updateOne(Filters.eq("_id", 7L), Updates.combine(Updates.set("p", new Binary(payload)),
                                                                Updates.set("h", new Binary(recomputed))));

        assertThat(places(verify())).containsExactly(tuple(7L, A, 2L, "chain-broken"),
                                                     tuple(17L, A, 6L, "checkpoint-mismatch"));
    }

    @Test
    void removedHashIsNamedAtItsPlace() {
        checkpoint();
        events.updateOne(Filters.eq("_id", 7L), Updates.combine(Updates.unset("h"), Updates.unset("hp"),
                                                                Updates.unset("hf")));

        assertThat(places(verify())).containsExactly(tuple(7L, A, 2L, "unhashed"),
                                                     tuple(17L, A, 6L, "checkpoint-mismatch"));
    }

    @Test
    void editedCheckpointNoLongerFitsTheStream() {
        checkpoint();
        database.getCollection("ledger_checkpoints").updateOne(Filters.eq("_id", 17L),
                                                               Updates.set("digest", "ab".repeat(32)));

        assertThat(places(verify())).containsExactly(tuple(17L, A, 6L, "checkpoint-mismatch"));
    }

    @Test
    void signedCheckpointChangedOrAddedWithoutTheKeyIsNamed() {
        verification = verification("kept-outside-the-store");
        Checkpoint signed = checkpoint();
        assertThat(signed.signature()).hasSize(64);
        assertThat(verify().ok()).isTrue();
        MongoCollection<Document> checkpoints = database.getCollection("ledger_checkpoints");
        checkpoints.updateOne(Filters.eq("_id", 17L), Updates.set("createdBy", "someone-else"));
        checkpoints.insertOne(new Document("_id", 14L).append("digest", signed.digest()).append("count", 14L));

        assertThat(places(verify())).containsExactly(tuple(14L, null, null, "checkpoint-unsigned"),
                                                     tuple(14L, null, null, "checkpoint-mismatch"),
                                                     tuple(17L, A, 6L, "checkpoint-forged"));
        assertThat(places(verification("another-key").verify(null, LedgerVerification.Progress.NONE)))
                .extracting(tuple -> tuple.toList().get(3)).contains("checkpoint-forged");
    }

    @Test
    void tombstonesOfAFailedAppendAreNotEvents() {
        // A second append of a's event 0 fails on the unique key: its index becomes a tombstone.
        assertThatThrownBy(() -> engine.appendEvents(event(B, 5), event(A, 0))).isInstanceOf(RuntimeException.class);
        engine.appendEvents(event(B, 5));

        Verification verified = verify();

        assertThat(verified.ok()).as(verified.problems().toString()).isTrue();
        assertThat(verified.tombstones()).isEqualTo(2);
        assertThat(verified.checked()).isEqualTo(18);
        assertThat(verified.head()).isEqualTo(20);
    }

    @Test
    void nothingIsCheckpointedWhileTheLedgerDoesNotVerify() {
        events.deleteOne(Filters.eq("_id", 8L));

        assertThatThrownBy(this::checkpoint).hasMessageContaining("does not verify");
        assertThat(database.getCollection("ledger_checkpoints").countDocuments()).isZero();
    }

    @Test
    void malformedDocumentIsNamedAndTheWalkGoesOn() {
        events.updateOne(Filters.eq("_id", 7L), Updates.set("ts", "yesterday"));
        events.updateOne(Filters.eq("_id", 8L), Updates.set("h", "not a hash"));

        assertThat(places(verify())).containsExactly(tuple(7L, A, 2L, "malformed"), tuple(8L, B, 2L, "malformed"));
    }

    @Test
    void eventsFromBeforeHashingAreCountedAsUnhashed() {
        MongoDatabase old = EmbeddedMongo.freshDatabase();
        try {
            MongoCollection<Document> oldEvents = old.getCollection("events");
            for (long sequence = 0; sequence < 2; sequence++) {
                oldEvents.insertOne(new Document("_id", sequence + 1).append("key", "old#" + sequence)
                                            .append("eventIdentifier", "old-" + sequence).append("ts", 0L)
                                            .append("pt", "java.lang.String").append("p", new Binary(new byte[1]))
                                            .append("m", new Binary(new byte[1])).append("a", 99L + sequence)
                                            .append("r", 0L));
            }
            old.getCollection("counters").insertOne(new Document("_id", "events").append("next", 2L));
            MongoEventStorageEngine upgraded = MongoEventStorageEngine.builder().database(old)
                                                                      .eventSerializer(serializer)
                                                                      .snapshotSerializer(serializer).build();
            upgraded.appendEvents(event("old", 2), event("old", 3));

            Verification verified = new LedgerVerification(new EventScan(old), new MongoCheckpointStore(old),
                                                           new CheckpointSigner(""), clock())
                    .verify(null, LedgerVerification.Progress.NONE);

            assertThat(verified.ok()).as(verified.problems().toString()).isTrue();
            assertThat(verified.unhashed()).isEqualTo(2);
            assertThat(verified.checked()).isEqualTo(2);
        } finally {
            old.drop();
        }
    }

    // ------------------------------------------------------------------ helpers

    private static DomainEventMessage<String> event(String tenant, long sequence) {
        String operator = "operator-" + tenant.substring(tenant.length() - 1);
        return new GenericDomainEventMessage<>("Tenant", tenant, sequence, tenant + sequence,
                                               MetaData.with("actor", operator));
    }

    private LedgerVerification verification(String key) {
        return new LedgerVerification(new EventScan(database), new MongoCheckpointStore(database),
                                      new CheckpointSigner(key), clock());
    }

    private static Clock clock() {
        return Clock.fixed(Instant.parse("2025-06-30T08:00:00Z"), ZoneOffset.UTC);
    }

    private Checkpoint checkpoint() {
        return verification.checkpoint("admin", LedgerVerification.Progress.NONE).checkpoint();
    }

    private Verification verify() {
        return verification.verify(null, LedgerVerification.Progress.NONE);
    }

    private static List<org.assertj.core.groups.Tuple> places(Verification verification) {
        List<org.assertj.core.groups.Tuple> places = new ArrayList<>();
        for (Problem problem : verification.problems()) {
            places.add(tuple(problem.globalIndex(), problem.aggregate(), problem.sequence(), problem.problem()));
        }
        assertThat(verification.ok()).isEqualTo(places.isEmpty());
        assertThat(verification.problemCount()).isEqualTo(places.size());
        return places;
    }

    private Document at(long index) {
        return events.find(Filters.eq("_id", index)).first();
    }

    private static byte[] bytes(Document document, String field) {
        return document.get(field, Binary.class).getData();
    }

    /** Swaps everything but the {@code _id} of two documents, as one might to reorder the stream. */
    private void swap(long first, long second) {
        Document one = at(first);
        Document two = at(second);
        one.put("_id", second);
        two.put("_id", first);
        // Each document's key and event identifier are unique: park one while the other moves.
        events.deleteOne(Filters.eq("_id", first));
        events.replaceOne(Filters.eq("_id", second), one);
        events.insertOne(two);
    }

    private String runningDigestOfStoredHashes() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = new byte[32];
            for (long index = 1; index <= 17; index++) {
                sha256.update(digest);
                sha256.update(bytes(at(index), "h"));
                digest = sha256.digest();
            }
            return HexFormat.of().formatHex(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
