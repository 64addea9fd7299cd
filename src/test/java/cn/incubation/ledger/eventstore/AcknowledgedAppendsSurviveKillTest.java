package cn.incubation.ledger.eventstore;

import cn.incubation.ledger.mongo.LedgerStore;
import cn.incubation.ledger.eventstore.MongoEventStorageEngine.IndexAllocation;
import cn.incubation.embeddedmongo.EmbeddedMongoServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static cn.incubation.ledger.eventstore.EventSchema.COUNTER_ID;
import static cn.incubation.ledger.eventstore.EventSchema.COUNTER_VALUE;
import static cn.incubation.ledger.eventstore.EventSchema.EVENT_IDENTIFIER;
import static cn.incubation.ledger.eventstore.EventSchema.ID;
import static cn.incubation.ledger.eventstore.EventSchema.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * "Nothing acknowledged is lost": a child JVM runs the embedded MongoDB server on H2 files and appends events through
 * {@link MongoEventStorageEngine} from two threads (batches of 1 and 5, four aggregates per thread); it is killed with
 * SIGKILL while it is appending, and the files are then opened again here, as the ledger opens them.
 * <p>
 * The child ({@link AppendingProcess}) writes {@code @BEGIN} with the event identifiers before every append and
 * {@code @ACK} after {@code appendEvents} returned, one write(2) per line, to a file. Every {@code @ACK} in that file
 * was an acknowledged append. An append with a {@code @BEGIN} and no {@code @ACK} was in flight (or killed before it
 * could say so): it may or may not have landed, but never in part.
 * <p>
 * After the restart: every acknowledged event is there, through the tracking read and through its aggregate's
 * stream, and reads back as sent; every stream is 0..n; the two reads hold the same events; no event comes twice; an
 * unacknowledged append is visible whole or not at all; the server's store holds no half-applied write; and every
 * aggregate takes its next event.
 */
class AcknowledgedAppendsSurviveKillTest {

    private static final Logger log = LoggerFactory.getLogger(AcknowledgedAppendsSurviveKillTest.class);

    /** SIGKILL is signal 9; a process killed by a signal reports 128 + the signal. */
    private static final int SIGKILL_EXIT_CODE = 128 + 9;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 1_500;
    private static final long CHILD_TIMEOUT_SECONDS = 60;

    @ParameterizedTest
    @EnumSource(IndexAllocation.class)
    void everyAcknowledgedAppendSurvivesSigkill(IndexAllocation allocation, @TempDir Path temp) throws Exception {
        Path dataDir = temp.resolve("data");
        ChildRun run = ChildRun.killAfter(dataDir, "durable", allocation, ACKNOWLEDGED_BEFORE_KILL,
                                          temp.resolve("child.log"));
        assertThat(run.failures).as("appends that failed in the child").isEmpty();

        log.info("H2 file after SIGKILL: {} MB", Files.size(dataDir.resolve("ledger.mv")) / (1024 * 1024));
        long started = System.nanoTime();
        try (Reopened store = Reopened.open(dataDir)) {
            assertNoHalfAppliedWrites(store.database());
            log.info("reopened and checked in {} ms", (System.nanoTime() - started) / 1_000_000);
            MongoEventStorageEngine engine = store.engine(allocation, Duration.ofSeconds(60));
            List<TrackedEventMessage<?>> tracked = readAll(engine);
            log.info("tracking read of {} events done after {} ms", tracked.size(),
                     (System.nanoTime() - started) / 1_000_000);
            Map<String, List<DomainEventMessage<?>>> streams = new TreeMap<>();
            for (String aggregateId : run.aggregateIds()) {
                streams.put(aggregateId, engine.readEvents(aggregateId).asStream().collect(Collectors.toList()));
            }
            log.info("aggregate reads done after {} ms", (System.nanoTime() - started) / 1_000_000);
            int[] outcome = assertConsistentWithChild(run, tracked, streams);
            log.info("durable, {}: {} appends acknowledged ({} events), {} in flight at SIGKILL: {} of those landed "
                             + "whole, {} not at all; {} events in the store",
                     allocation, run.acknowledged.size(), run.acknowledgedEventCount(), run.inFlight().size(),
                     outcome[0], outcome[1], tracked.size());

            // The store stays usable: every aggregate takes its next event. Appends the kill cut short are settled
            // on the way (gap timeout zero: their writer is known to be gone).
            MongoEventStorageEngine settling = store.engine(allocation, Duration.ZERO);
            Map<String, Long> nextSequence = new HashMap<>();
            for (Map.Entry<String, List<DomainEventMessage<?>>> stream : streams.entrySet()) {
                String aggregateId = stream.getKey();
                long next = stream.getValue().size();
                assertThat(settling.lastSequenceNumberFor(aggregateId))
                        .as("last sequence number of %s", aggregateId)
                        .isEqualTo(next == 0 ? Optional.empty() : Optional.of(next - 1));
                String eventId = AppendingProcess.eventId(aggregateId, next);
                settling.appendEvents(new GenericDomainEventMessage<>("Test", aggregateId, next, "after restart",
                                                                      MetaData.emptyInstance(), eventId,
                                                                      Instant.now()));
                nextSequence.put(aggregateId, next + 1);
            }
            log.info("next event appended to every aggregate after {} ms", (System.nanoTime() - started) / 1_000_000);
            List<TrackedEventMessage<?>> after = readAll(settling);
            log.info("second tracking read done after {} ms", (System.nanoTime() - started) / 1_000_000);
            assertNoDuplicates(after);
            assertThat(after).hasSize(tracked.size() + streams.size());
            for (String aggregateId : streams.keySet()) {
                List<DomainEventMessage<?>> stream =
                        settling.readEvents(aggregateId).asStream().collect(Collectors.toList());
                assertThat(stream).as("events of %s after restart", aggregateId).hasSize(
                        Math.toIntExact(nextSequence.get(aggregateId)));
                for (int i = 0; i < stream.size(); i++) {
                    assertThat(stream.get(i).getSequenceNumber()).isEqualTo(i);
                }
            }
        }
    }

    /**
     * Why the durable backend commits before it acknowledges: mongo-java-server's own H2 backend answers a write as
     * soon as it is in memory and leaves the file to a background commit. Here that background commit is switched
     * off, so that the outcome does not hang on when the kill falls relative to it: thousands of acknowledged appends
     * are gone. (With the default background commit, about once a second, the appends acknowledged since the last
     * commit are lost; how many depends on timing, so that is measured, not asserted.)
     */
    @Test
    void withoutACommitBeforeTheAcknowledgementAcknowledgedAppendsAreLost(@TempDir Path temp) throws Exception {
        Path dataDir = temp.resolve("data");
        ChildRun run = ChildRun.killAfter(dataDir, "stock-uncommitted", IndexAllocation.SHARED_COUNTER, 500,
                                          temp.resolve("child.log"));
        assertThat(run.failures).as("appends that failed in the child").isEmpty();

        try (Reopened store = Reopened.open(dataDir)) {
            List<TrackedEventMessage<?>> tracked =
                    readAll(store.engine(IndexAllocation.SHARED_COUNTER, Duration.ofSeconds(60)));
            Set<String> present = tracked.stream().map(TrackedEventMessage::getIdentifier).collect(Collectors.toSet());
            long lost = run.acknowledgedEventIds().stream().filter(id -> !present.contains(id)).count();
            log.info("stock H2 backend, no commit before the acknowledgement: {} of {} acknowledged events lost",
                     lost, run.acknowledgedEventCount());
            assertThat(lost).as("acknowledged events missing after SIGKILL").isPositive();
        }
    }

    // ------------------------------------------------------------------ checks

    /**
     * Checks the store against what the child said, and returns how many in-flight appends landed whole and how
     * many did not land at all.
     */
    private static int[] assertConsistentWithChild(ChildRun run, List<TrackedEventMessage<?>> tracked,
                                                   Map<String, List<DomainEventMessage<?>>> streams) {
        assertNoDuplicates(tracked);
        Map<String, AppendingProcess.Append> appendOfEvent = run.appendOfEvent();

        // Every event in the store was sent by the child, and reads back as it was sent.
        Map<String, List<Long>> trackedSequences = new HashMap<>();
        Set<String> trackedIds = new HashSet<>();
        for (TrackedEventMessage<?> event : tracked) {
            String id = event.getIdentifier();
            AppendingProcess.Append append = appendOfEvent.get(id);
            assertThat(append).as("append that sent tracked event %s", id).isNotNull();
            assertThat(event).isInstanceOf(DomainEventMessage.class);
            DomainEventMessage<?> domainEvent = (DomainEventMessage<?>) event;
            assertThat(domainEvent.getAggregateIdentifier()).isEqualTo(append.aggregateId());
            assertThat(event.getPayload()).isEqualTo(AppendingProcess.payload(id, append.id()));
            trackedIds.add(id);
            trackedSequences.computeIfAbsent(append.aggregateId(), a -> new ArrayList<>())
                            .add(domainEvent.getSequenceNumber());
        }

        // Each aggregate's stream is 0..n without holes, holds exactly what the tracking read holds for it, and the
        // tracking read delivers it in sequence order.
        Set<String> streamIds = new HashSet<>();
        for (Map.Entry<String, List<DomainEventMessage<?>>> entry : streams.entrySet()) {
            String aggregateId = entry.getKey();
            List<DomainEventMessage<?>> stream = entry.getValue();
            List<Long> sequences = new ArrayList<>();
            for (int i = 0; i < stream.size(); i++) {
                DomainEventMessage<?> event = stream.get(i);
                assertThat(event.getSequenceNumber()).as("sequence %s of %s", i, aggregateId).isEqualTo(i);
                assertThat(event.getIdentifier()).isEqualTo(AppendingProcess.eventId(aggregateId, i));
                AppendingProcess.Append append = appendOfEvent.get(event.getIdentifier());
                assertThat(append).as("append that sent %s", event.getIdentifier()).isNotNull();
                assertThat(event.getPayload()).isEqualTo(AppendingProcess.payload(event.getIdentifier(), append.id()));
                streamIds.add(event.getIdentifier());
                sequences.add((long) i);
            }
            assertThat(trackedSequences.getOrDefault(aggregateId, List.of()))
                    .as("sequences of %s in the tracking read, in tracking order", aggregateId)
                    .containsExactlyElementsOf(sequences);
        }
        assertThat(streamIds).as("events read per aggregate vs. events read by tracking").isEqualTo(trackedIds);

        // Nothing acknowledged is lost.
        List<String> lost = run.acknowledgedEventIds().stream().filter(id -> !trackedIds.contains(id)).toList();
        assertThat(lost).as("acknowledged events missing after SIGKILL").isEmpty();

        // Nothing is visible in part: an append that was not acknowledged is there whole or not at all.
        int landed = 0;
        int absent = 0;
        for (AppendingProcess.Append append : run.inFlight()) {
            long present = append.eventIds().stream().filter(trackedIds::contains).count();
            assertThat(present).as("events of unacknowledged append %s that are visible", append)
                               .isIn(0L, (long) append.eventIds().size());
            if (present == 0) {
                absent++;
            } else {
                landed++;
            }
        }
        return new int[]{landed, absent};
    }

    /**
     * Below the engine: the embedded server writes a document and then its index entries, as separate changes to
     * the store. A commit taken between the two, followed by the kill, would leave a document that its indexes do not
     * know (readers cannot find it, and a tombstone for that index fails), or an index entry without a document.
     * Compares a full scan of the events collection with lookups through {@code _id}, {@code key} and
     * {@code eventIdentifier}.
     */
    private static void assertNoHalfAppliedWrites(MongoDatabase database) {
        MongoCollection<Document> events = database.getCollection("events");
        TreeMap<Long, Document> scanned = new TreeMap<>();
        for (Document document : events.find().projection(new Document(KEY, 1).append(EVENT_IDENTIFIER, 1))) {
            scanned.put(((Number) document.get(ID)).longValue(), document);
        }
        Document counter = database.getCollection("counters").find(Filters.eq(ID, COUNTER_ID)).first();
        long head = counter == null ? 0 : ((Number) counter.get(COUNTER_VALUE)).longValue();
        long highest = Math.max(head, scanned.isEmpty() ? 0 : scanned.lastKey());

        List<String> problems = new ArrayList<>();
        // Batches of 100: the embedded server looks each value of an $in up in the index, but then matches every
        // document found against the whole list again.
        Set<Long> throughId = new HashSet<>();
        for (long from = 1; from <= highest; from += 100) {
            List<Long> ids = new ArrayList<>();
            for (long id = from; id < from + 100 && id <= highest; id++) {
                ids.add(id);
            }
            events.find(Filters.in(ID, ids)).projection(new Document(ID, 1))
                  .forEach(d -> throughId.add(((Number) d.get(ID)).longValue()));
        }
        scanned.keySet().stream().filter(id -> !throughId.contains(id))
               .forEach(id -> problems.add("document " + id + " is not in the _id index"));
        throughId.stream().filter(id -> !scanned.containsKey(id))
                 .forEach(id -> problems.add("_id index entry " + id + " has no document"));
        List<Document> documents = new ArrayList<>(scanned.values());
        for (String field : List.of(KEY, EVENT_IDENTIFIER)) {
            Map<Object, Long> throughIndex = new HashMap<>();
            for (int from = 0; from < documents.size(); from += 100) {
                List<Object> values = documents.subList(from, Math.min(documents.size(), from + 100)).stream()
                                               .map(d -> d.get(field)).toList();
                events.find(Filters.in(field, values)).projection(new Document(field, 1))
                      .forEach(d -> throughIndex.put(d.get(field), ((Number) d.get(ID)).longValue()));
            }
            for (Document document : documents) {
                long id = ((Number) document.get(ID)).longValue();
                Long found = throughIndex.get(document.get(field));
                if (found == null || found != id) {
                    problems.add("document " + id + " is not in the " + field + " index (" + document.get(field)
                                         + " -> " + found + ")");
                }
            }
        }
        assertThat(problems).as("writes the kill left half-applied in the embedded server's store (%d documents)",
                                scanned.size()).isEmpty();
    }

    private static void assertNoDuplicates(List<TrackedEventMessage<?>> tracked) {
        Map<String, Long> counts = tracked.stream().collect(
                Collectors.groupingBy(TrackedEventMessage::getIdentifier, Collectors.counting()));
        List<String> duplicates = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                                        .toList();
        assertThat(duplicates).as("events delivered more than once by the tracking read").isEmpty();
    }

    private static List<TrackedEventMessage<?>> readAll(MongoEventStorageEngine engine) {
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(null, false)) {
            return events.collect(Collectors.toList());
        }
    }

    // ------------------------------------------------------------------ the child process

    /** One run of {@link AppendingProcess}, killed after a number of acknowledged appends; what it said. */
    private static final class ChildRun {

        final Map<String, AppendingProcess.Append> begun = new LinkedHashMap<>();
        final Set<String> acknowledged = new LinkedHashSet<>();
        final List<String> failures = new ArrayList<>();
        final List<String> protocolErrors = new ArrayList<>();

        private ChildRun() {
        }

        /**
         * Starts the child with its stdout going to a file, polls the file until it holds {@code acknowledgements}
         * {@code @ACK} lines, kills the child, and then reads everything the child wrote. A line the child had
         * written (one write(2) each) is in the file even though the child was killed; a partial last line is
         * dropped.
         */
        static ChildRun killAfter(Path dataDir, String backend, IndexAllocation allocation, int acknowledgements,
                                  Path childLog) throws Exception {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Path protocol = childLog.resolveSibling(backend + ".protocol");
            // C1 only: the child lives for seconds, and reaches full speed at once instead of after C2 has compiled.
            ProcessBuilder builder = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1",
                                                        "-cp", System.getProperty("java.class.path"),
                                                        AppendingProcess.class.getName(), dataDir.toString(), backend,
                                                        allocation.name())
                    .redirectOutput(protocol.toFile())
                    .redirectError(childLog.toFile());
            long started = System.nanoTime();
            Process child = builder.start();
            try {
                long deadline = started + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_SECONDS);
                int acknowledged = 0;
                int failed = 0;
                long position = 0;
                ByteArrayOutputStream partial = new ByteArrayOutputStream();
                while (acknowledged < acknowledgements && failed == 0 && child.isAlive()
                        && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                    byte[] bytes;
                    try (FileChannel channel = FileChannel.open(protocol)) {
                        long size = channel.size();
                        bytes = new byte[Math.toIntExact(size - position)];
                        ByteBuffer buffer = ByteBuffer.wrap(bytes);
                        while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) >= 0) {
                            // read up to the size seen above
                        }
                        position = size;
                    }
                    for (byte b : bytes) {
                        if (b != '\n') {
                            partial.write(b);
                            continue;
                        }
                        String line = partial.toString(StandardCharsets.UTF_8);
                        partial.reset();
                        if (line.startsWith(AppendingProcess.ACK + " ")) {
                            acknowledged++;
                        } else if (line.startsWith(AppendingProcess.FAIL + " ")) {
                            failed++;
                        }
                    }
                }
                boolean alive = child.isAlive();
                if (acknowledged < acknowledgements || !alive) {
                    child.destroyForcibly();
                    fail("The child did not reach %d acknowledged appends while alive (acknowledged: %d, failed: "
                                 + "%d, alive: %s); its log ends with:%n%s",
                         acknowledgements, acknowledged, failed, alive, tail(childLog));
                }
                log.info("{}: {} acknowledged appends {} ms after the child was started", backend, acknowledged,
                         (System.nanoTime() - started) / 1_000_000);
                // SIGKILL on Linux: no shutdown hooks, no MVStore close, no flush of anything.
                child.destroyForcibly();
                assertThat(child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("child ended").isTrue();
                int exitCode = child.exitValue();
                if (System.getProperty("os.name").toLowerCase().contains("linux")) {
                    assertThat(exitCode).as("exit code of the child (128 + SIGKILL)").isEqualTo(SIGKILL_EXIT_CODE);
                }

                ChildRun run = new ChildRun();
                byte[] all = Files.readAllBytes(protocol);
                int lineStart = 0;
                for (int i = 0; i < all.length; i++) {
                    if (all[i] == '\n') {
                        run.handle(new String(all, lineStart, i - lineStart, StandardCharsets.UTF_8));
                        lineStart = i + 1;
                    }
                }
                log.info("{}: SIGKILL after {} acknowledged appends; exit code {}; {} acknowledged in all, "
                                 + "{} begun and not acknowledged", backend, acknowledged, exitCode,
                         run.acknowledged.size(), run.inFlight().size());
                assertThat(run.protocolErrors).as("protocol errors").isEmpty();
                assertThat(run.acknowledged.size()).isGreaterThanOrEqualTo(acknowledgements);
                return run;
            } finally {
                if (child.isAlive()) {
                    child.destroyForcibly();
                }
            }
        }

        private void handle(String line) {
            String[] parts = line.split(" ");
            switch (parts[0]) {
                case AppendingProcess.BEGIN -> {
                    if (parts.length != 5) {
                        protocolErrors.add("malformed: " + line);
                        return;
                    }
                    AppendingProcess.Append append = new AppendingProcess.Append(
                            parts[1], parts[2], Long.parseLong(parts[3]), List.of(parts[4].split(",")));
                    begun.put(append.id(), append);
                }
                case AppendingProcess.ACK -> {
                    if (!begun.containsKey(parts[1])) {
                        protocolErrors.add("acknowledged without a begin: " + line);
                    }
                    acknowledged.add(parts[1]);
                }
                case AppendingProcess.FAIL -> failures.add(line);
                case AppendingProcess.READY -> {
                    // the server and the engine are up
                }
                default -> protocolErrors.add("not protocol: " + line);
            }
        }

        Set<String> aggregateIds() {
            return begun.values().stream().map(AppendingProcess.Append::aggregateId)
                        .collect(Collectors.toCollection(TreeSet::new));
        }

        List<AppendingProcess.Append> inFlight() {
            return begun.values().stream().filter(a -> !acknowledged.contains(a.id())).toList();
        }

        List<String> acknowledgedEventIds() {
            return acknowledged.stream().flatMap(id -> begun.get(id).eventIds().stream()).toList();
        }

        int acknowledgedEventCount() {
            return acknowledgedEventIds().size();
        }

        Map<String, AppendingProcess.Append> appendOfEvent() {
            Map<String, AppendingProcess.Append> byEvent = new HashMap<>();
            for (AppendingProcess.Append append : begun.values()) {
                for (String eventId : append.eventIds()) {
                    AppendingProcess.Append previous = byEvent.put(eventId, append);
                    assertThat(previous).as("event %s sent twice", eventId).isNull();
                }
            }
            return byEvent;
        }

        private static String tail(Path file) {
            try {
                List<String> lines = Files.readAllLines(file);
                return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 40),
                                                                         lines.size()));
            } catch (IOException e) {
                return "(cannot read " + file + ": " + e + ")";
            }
        }
    }

    // ------------------------------------------------------------------ the store, opened again

    /** The child's data directory opened in this JVM, as the ledger opens it. */
    private static final class Reopened implements AutoCloseable {

        private final EmbeddedMongoServer server;
        private final MongoClient client;

        private Reopened(EmbeddedMongoServer server, MongoClient client) {
            this.server = server;
            this.client = client;
        }

        static Reopened open(Path dataDir) {
            EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoServer.Backend.H2, LedgerStore.file(dataDir), 0, false);
            return new Reopened(server, MongoClients.create(server.connectionString()));
        }

        MongoDatabase database() {
            return client.getDatabase(AppendingProcess.DATABASE);
        }

        MongoEventStorageEngine engine(IndexAllocation allocation, Duration gapTimeout) {
            JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
            return MongoEventStorageEngine.builder()
                                          .database(database())
                                          .eventSerializer(serializer)
                                          .snapshotSerializer(serializer)
                                          .gapTimeout(gapTimeout)
                                          .indexAllocation(allocation)
                                          .build();
        }

        @Override
        public void close() {
            client.close();
            server.close();
        }
    }
}
