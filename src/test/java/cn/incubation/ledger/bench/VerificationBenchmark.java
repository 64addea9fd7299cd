package cn.incubation.ledger.bench;

import cn.incubation.ledger.mongo.LedgerStore;
import cn.incubation.ledger.eventstore.EventScan;
import cn.incubation.ledger.eventstore.MongoEventStorageEngine;
import cn.incubation.embeddedmongo.EmbeddedMongoServer;
import cn.incubation.ledger.verification.LedgerWalk;
import cn.incubation.ledger.verification.Verification;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.bson.types.Binary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The rate of verification beside the raw read rate of the same events, in one run: {@code bench.events} (500,000)
 * events appended through the engine in batches of 100 (ten per aggregate, shaped like {@code TenantAdmitted}), then
 * read whole by the raw driver ({@code _id $in} batches of {@value LedgerWalk#WINDOW}, every document decoded) and
 * verified (every hash recomputed, every chain followed, the running digest), in alternating chunks of
 * {@code bench.chunk} windows so that both see the same machine. Run with {@code mvn -B -q -Pbenchmark test-compile
 * exec:exec -Dbench.main=cn.incubation.ledger.bench.VerificationBenchmark}; options through {@code -Dbench.args=…}:
 * {@code bench.events}, {@code bench.backend} (H2 or MEMORY), {@code bench.chunk} (10), {@code bench.warmup}
 * (50,000).
 */
public final class VerificationBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.events", 500_000);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 50_000);
    private static final int CHUNK = Integer.getInteger("bench.chunk", 10);
    private static final EmbeddedMongoServer.Backend BACKEND =
            EmbeddedMongoServer.Backend.valueOf(System.getProperty("bench.backend", "H2").toUpperCase(Locale.ROOT));
    private static final int BATCH = 100;
    private static final int PER_AGGREGATE = 10;

    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(
            new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)).build();

    private VerificationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        new VerificationBenchmark().run();
        // The embedded server leaves non-daemon threads behind.
        System.exit(0);
    }

    private void run() throws IOException {
        Path dataDir = BACKEND == EmbeddedMongoServer.Backend.H2 ? Files.createTempDirectory("bench-verify-") : null;
        EmbeddedMongoServer server = EmbeddedMongoServer.start(BACKEND, dataDir == null ? null : LedgerStore.file(dataDir), 0, false);
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            progress("warm-up: %,d events", WARMUP);
            measure(client.getDatabase("warmup"), WARMUP);
            client.getDatabase("warmup").drop();
            progress("measure: %,d events on %s", EVENTS, BACKEND);
            Result result = measure(client.getDatabase("ledger"), EVENTS);
            System.out.println();
            System.out.printf(Locale.ROOT, "Verification of %,d events on the embedded server (%s backend), measured "
                                           + "side by side with the raw read in chunks of %,d global indexes.%n%n",
                              EVENTS, BACKEND, CHUNK * LedgerWalk.WINDOW);
            System.out.println("| measure | events | seconds | events/s | ratio |");
            System.out.println("| --- | ---: | ---: | ---: | ---: |");
            System.out.printf(Locale.ROOT, "| engine append (hashing), batches of %d | %,d | %.1f | %,.0f | |%n", BATCH,
                              EVENTS, result.appendSeconds, EVENTS / result.appendSeconds);
            System.out.printf(Locale.ROOT, "| raw read, `_id $in` batches of %,d, every document decoded | %,d | %.1f "
                                           + "| %,.0f | 1.00 |%n", LedgerWalk.WINDOW, result.read, result.rawSeconds,
                              result.read / result.rawSeconds);
            System.out.printf(Locale.ROOT, "| verification (hashes, chains, digest) | %,d | %.1f | %,.0f | %.2f |%n",
                              result.verification.checked(), result.verifySeconds,
                              result.verification.checked() / result.verifySeconds,
                              (result.verification.checked() / result.verifySeconds) / (result.read / result.rawSeconds));
            System.out.printf(Locale.ROOT, "%nVerification: ok=%s, checked %,d, head %,d, digest %s%n",
                              result.verification.ok(), result.verification.checked(), result.verification.head(),
                              result.verification.digest());
        } finally {
            server.close();
            if (dataDir != null) {
                try (Stream<Path> paths = Files.walk(dataDir)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        }
    }

    private record Result(double appendSeconds, long read, double rawSeconds, double verifySeconds,
                          Verification verification) {
    }

    private Result measure(MongoDatabase database, int events) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder().database(database)
                                                                .eventSerializer(serializer)
                                                                .snapshotSerializer(serializer)
                                                                .indexAllocation(MongoEventStorageEngine
                                                                                         .IndexAllocation.SINGLE_WRITER)
                                                                .build();
        long appendNanos = 0;
        for (int from = 0; from < events; from += BATCH) {
            List<DomainEventMessage<?>> batch = messages(from, Math.min(BATCH, events - from));
            long t0 = System.nanoTime();
            engine.appendEvents(batch);
            appendNanos += System.nanoTime() - t0;
            if ((from + BATCH) % 100_000 == 0) {
                progress("appended %,d", from + BATCH);
            }
        }
        MongoCollection<Document> raw = database.getCollection("events");
        LedgerWalk walk = LedgerWalk.unchecked(new EventScan(database));
        System.gc();
        long rawNanos = 0;
        long verifyNanos = 0;
        long read = 0;
        long next = 1;
        boolean walking = true;
        for (int round = 0; next <= events || walking; round++) {
            // Order ab, ba, ab, …: neither always runs first after the other's garbage.
            for (int side = 0; side < 2; side++) {
                if ((side == 0) == (round % 2 == 0)) {
                    long t0 = System.nanoTime();
                    for (int window = 0; window < CHUNK && next <= events; window++) {
                        read += rawRead(raw, next, next + LedgerWalk.WINDOW - 1);
                        next += LedgerWalk.WINDOW;
                    }
                    rawNanos += System.nanoTime() - t0;
                } else if (walking) {
                    long t0 = System.nanoTime();
                    walking = walk.advance(CHUNK);
                    verifyNanos += System.nanoTime() - t0;
                }
            }
            if (round % 50 == 49) {
                progress("raw read %,d, verified up to %,d", read, walk.position());
            }
        }
        long t0 = System.nanoTime();
        Verification verification = walk.finish();
        verifyNanos += System.nanoTime() - t0;
        if (!verification.ok() || verification.checked() != events || read != events) {
            throw new IllegalStateException("expected " + events + " events, clean; read " + read + ", verified "
                                                    + verification);
        }
        return new Result(appendNanos / 1e9, read, rawNanos / 1e9, verifyNanos / 1e9, verification);
    }

    /** Reads one window with the driver and decodes every document, as verification has to. */
    private static int rawRead(MongoCollection<Document> events, long from, long to) {
        List<Long> ids = new ArrayList<>(LedgerWalk.WINDOW);
        for (long id = from; id <= to; id++) {
            ids.add(id);
        }
        int found = 0;
        long checksum = 0;
        try (MongoCursor<Document> cursor = events.find(Filters.in("_id", ids)).iterator()) {
            while (cursor.hasNext()) {
                Document document = cursor.next();
                checksum += document.get("p", Binary.class).length() + document.getString("key").length();
                found++;
            }
        }
        if (checksum < 0) {
            throw new IllegalStateException();
        }
        return found;
    }

    private List<DomainEventMessage<?>> messages(long from, int count) {
        List<DomainEventMessage<?>> messages = new ArrayList<>(count);
        for (long g = from; g < from + count; g++) {
            long aggregate = g / PER_AGGREGATE;
            String id = "tenant-" + aggregate;
            messages.add(new GenericDomainEventMessage<>(
                    "Tenant", id, g % PER_AGGREGATE,
                    new EventStoreBenchmark.TenantAdmitted(id, "incubator-" + (aggregate % 997),
                                                           "Company #" + aggregate,
                                                           String.format("91310000%09dX", g % 1_000_000_000L),
                                                           "510107", LocalDate.of(2024, 1, 1).plusDays(g % 700)),
                    MetaData.with("actor", "operator-" + (g % 17)).and("idempotencyKey", "cmd-" + g)));
        }
        return messages;
    }

    private static void progress(String format, Object... args) {
        System.err.printf("%tT %s%n", System.currentTimeMillis(), String.format(format, args));
    }
}
