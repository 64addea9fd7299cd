package cn.incubation.ledger.bench;

import cn.incubation.ledger.mongo.LedgerStore;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import cn.incubation.ledger.eventstore.MongoEventStorageEngine;
import cn.incubation.embeddedmongo.EmbeddedMongoServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Event-store benchmark: the ledger's {@link MongoEventStorageEngine} against the raw driver and against the stock
 * Axon Mongo engine, on the embedded MongoDB-wire server (H2 file backend and in-memory backend), all in one run.
 * <p>
 * Run with {@code mvn -B -q -Pbenchmark test-compile exec:exec} (see the {@code benchmark} profile in the pom). Progress
 * goes to stderr; the result is one Markdown table on stdout, also written to {@code bench.out}.
 * <p>
 * System properties (all optional):
 * <ul>
 * <li>{@code bench.quick=true}: a smoke run (sizes 2000,4000; 500 batch-1 operations; stock replay capped at 5 s)</li>
 * <li>{@code bench.sizes=100000,200000}: the store sizes N</li>
 * <li>{@code bench.batch1=10000}: operations measured at batch size 1 (each appended to a store already holding N)</li>
 * <li>{@code bench.stockCapSeconds=60}: time cap of the stock engine's tracking replay</li>
 * <li>{@code bench.stockLoad=0}: events loaded into the stock engine before its replay (0: N)</li>
 * <li>{@code bench.backends=H2,MEMORY}: which embedded backends to measure</li>
 * <li>{@code bench.warmup=20000}: events per operation in an untimed warm-up on each backend. With 3000 the first
 * size still ran with cold compiled code: the H2 store loaded 23,854 events/s raw at N=100,000 and 63,160 at N=200,000
 * in the same run.</li>
 * <li>{@code bench.diagnose=false}: add attribution rows (raw insertMany and insertOne with the engine's unique
 * indexes beside plain ones; the same insertMany with the events serialised inside the timing, as the engine's append
 * does; with its counter round trip). Raw inserts with the engine's unique indexes are measured beside the target
 * rows in every run.</li>
 * <li>{@code bench.stock=true}: measure the stock Axon Mongo engine</li>
 * <li>{@code bench.indexAllocation=auto}: the engine's index allocation; auto = what the ledger uses on the embedded
 * server (single-writer); or shared-counter, single-writer</li>
 * <li>{@code bench.out=target/bench-eventstore.md}: where the table is written as well (empty: nowhere)</li>
 * </ul>
 * Timing is {@link System#nanoTime()} around the measured calls only: building the messages and documents is not
 * timed, serialising inside the engines is.
 */
public final class EventStoreBenchmark {

    /** Events per aggregate. */
    static final int EVENTS_PER_AGGREGATE = 10;
    /** The large batch: appends, insertMany, tracking. */
    static final int BATCH = 100;
    /** Chunks per interleaved measurement (see {@link #interleave}). */
    static final int INTERLEAVED_CHUNKS = 100;

    // ------------------------------------------------------------------ the payload

    /** A realistic, small event payload, shaped like the ledger's {@code TenantAdmitted}. */
    public record TenantAdmitted(String tenantId,
                                 String incubatorId,
                                 String companyName,
                                 String creditCode,
                                 String regionCode,
                                 LocalDate admittedOn) {
    }

    private static final String[] REGIONS = {"310104", "310115", "320505", "330106", "440305", "510107", "110108"};
    private static final String[] NAMES = {"Lanting Biotech", "Qingyun Robotics", "Haixin Materials",
            "Xingchen Semiconductor", "Mingde Medical Devices", "Yunfan Software", "Jinshi New Energy"};

    private final Config config;
    private final Serializer serializer;
    private final List<Row> rows = new ArrayList<>();
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final long started = System.nanoTime();
    /** Taken at the start: the classes under test were compiled from the work tree as it was then. */
    private final String engineRevision = engineRevision();

    private EventStoreBenchmark(Config config) {
        this.config = config;
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
                                                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        this.serializer = JacksonSerializer.builder().objectMapper(mapper).build();
    }

    public static void main(String[] args) throws Exception {
        quietLogging();
        Config config = Config.fromSystemProperties();
        EventStoreBenchmark benchmark = new EventStoreBenchmark(config);
        String table = benchmark.run();
        System.out.print(table);
        System.out.flush();
        if (!config.out.isEmpty()) {
            Path out = Paths.get(config.out);
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Files.writeString(out, table, StandardCharsets.UTF_8);
            progress("table written to %s", out.toAbsolutePath());
        }
        // Embedded servers leave non-daemon netty threads behind.
        System.exit(0);
    }

    // ------------------------------------------------------------------ the run

    private String run() throws IOException {
        progress("event-store benchmark: backends %s, sizes %s, batch-1 ops %,d, stock replay cap %d s%s",
                 config.backends, config.sizes, config.batch1, config.stockCapSeconds, config.quick ? " (quick)" : "");
        for (EmbeddedMongoServer.Backend backend : config.backends) {
            Path dataDir = backend == EmbeddedMongoServer.Backend.H2 ? Files.createTempDirectory("bench-h2-") : null;
            EmbeddedMongoServer server = EmbeddedMongoServer.start(backend, dataDir == null ? null : LedgerStore.file(dataDir), 0, false);
            try (MongoClient client = MongoClients.create(server.connectionString())) {
                progress("[%s] embedded server at %s%s", backend, server.connectionString(),
                         dataDir == null ? "" : " (data in " + dataDir + ")");
                warmUp(backend, client);
                Map<Integer, Double> replaySeconds = new LinkedHashMap<>();
                for (int n : config.sizes) {
                    replaySeconds.put(n, measureRawAndEngine(backend, client, n));
                }
                addScalingRow(backend, replaySeconds);
                for (int n : config.sizes) {
                    if (config.stock) {
                        measureStock(backend, client, n);
                    }
                }
            } finally {
                server.close();
                if (dataDir != null) {
                    deleteRecursively(dataDir);
                }
            }
        }
        return render();
    }

    private void warmUp(EmbeddedMongoServer.Backend backend, MongoClient client) {
        if (config.warmup <= 0) {
            return;
        }
        long t0 = System.nanoTime();
        int w = config.warmup;
        MongoDatabase db = client.getDatabase("warmup_" + runId);
        MongoCollection<Document> raw = db.getCollection("raw");
        EventSource source = new EventSource("warm-" + runId);
        new InsertMany(raw, source, 0, null).advance(w);
        new InsertOne(raw, source, w).advance(w / 4);
        new RawRead(raw).advance(w);
        MongoEventStorageEngine engine = ledgerEngine(db);
        new Append(engine, source, 0, BATCH).advance(w);
        new Append(engine, source, w, 1).advance(w / 4);
        new Replay(engine, Long.MAX_VALUE).advance(Integer.MAX_VALUE);
        if (!config.stock) {
            // Nothing of the stock engine is measured, and its replay made most of the warm-up's time.
            db.drop();
            progress("[%s] warm-up done in %.1f s", backend, seconds(System.nanoTime() - t0));
            return;
        }
        MongoDatabase stockDb = client.getDatabase("warmup_stock_" + runId);
        EventStorageEngine stock = stockEngine(stockDb);
        new Append(stock, source, 0, BATCH).advance(w);
        new Append(stock, source, w, 1).advance(w / 4);
        new Replay(stock, Math.min(5, config.stockCapSeconds) * 1_000_000_000L).advance(Integer.MAX_VALUE);
        db.drop();
        stockDb.drop();
        progress("[%s] warm-up done in %.1f s", backend, seconds(System.nanoTime() - t0));
    }

    /**
     * Raw driver and the ledger engine at size n, measured in alternating chunks (raw, engine, engine, raw, …) so
     * that both see the same machine, the same JIT state and a store of the same size: a shared 2-core machine drifts
     * by a factor of two over minutes, which would otherwise land in the ratios. Returns the engine's replay time.
     */
    private double measureRawAndEngine(EmbeddedMongoServer.Backend backend, MongoClient client, int n) {
        String tag = "[" + backend + " N=" + n + "]";
        int s = config.batch1;
        MongoDatabase rawDb = client.getDatabase("raw_" + n + "_" + runId);
        MongoCollection<Document> raw = rawDb.getCollection("events");
        EventSource rawSource = new EventSource("raw" + n + "-" + runId);
        MongoDatabase engineDb = client.getDatabase("ledger_" + n + "_" + runId);
        MongoEventStorageEngine engine = ledgerEngine(engineDb);
        EventSource engineSource = new EventSource("ledger" + n + "-" + runId);

        // The same raw documents into a collection with the engine's two unique indexes, measured alongside: the
        // part of the engine's gap to plain raw that is the indexes' upkeep in the server, not the engine's own work.
        MongoDatabase indexedDb = client.getDatabase("rawidx_" + n + "_" + runId);
        MongoCollection<Document> rawIndexed = indexedDb.getCollection("events");
        rawIndexed.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
        rawIndexed.createIndex(Indexes.ascending("eventIdentifier"), new IndexOptions().unique(true));
        EventSource indexedSource = new EventSource("rawidx" + n + "-" + runId);

        Meter rawMany = new InsertMany(raw, rawSource, 0, null);
        Meter app100 = new Append(engine, engineSource, 0, BATCH);
        Meter indexedMany = new InsertMany(rawIndexed, indexedSource, 0, null);
        indexedMany.name = "raw insertMany indexed";
        interleave(tag + " load, batch 100", n, rawMany, app100, indexedMany);

        Meter rawRead = new RawRead(raw);
        Replay replay = new Replay(engine, Long.MAX_VALUE);
        interleave(tag + " read all", n, rawRead, replay);
        // The stream must end here: this last (empty) fetch counts as part of the replay.
        if (replay.done != n || replay.advance(1) != 0) {
            throw new IllegalStateException(tag + " the engine replayed " + replay.done + " events, expected " + n);
        }
        replay.finish();

        Meter rawOne = new InsertOne(raw, rawSource, n);
        Meter app1 = new Append(engine, engineSource, n, 1);
        Meter indexedOne = new InsertOne(rawIndexed, indexedSource, n);
        indexedOne.name = "raw insertOne indexed";
        interleave(tag + " batch 1", s, rawOne, app1, indexedOne);
        rawDb.drop();
        engineDb.drop();
        indexedDb.drop();

        Timing diagIndexedMany = null;
        Timing counterMany = null;
        Timing serialisedMany = null;
        Timing plainManyAgain = null;
        Timing diagIndexedOne = null;
        Timing plainOneAgain = null;
        if (config.diagnose) {
            // Attribution: the raw load again, once with the engine's two unique indexes, once with its counter $inc.
            MongoDatabase diagDb = client.getDatabase("diag_" + n + "_" + runId);
            MongoCollection<Document> indexed = diagDb.getCollection("indexed");
            indexed.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            indexed.createIndex(Indexes.ascending("eventIdentifier"), new IndexOptions().unique(true));
            Meter a = new InsertMany(indexed, new EventSource("diag-i" + n + "-" + runId), 0, null);
            Meter b = new InsertMany(diagDb.getCollection("counted"), new EventSource("diag-c" + n + "-" + runId), 0,
                                     diagDb.getCollection("counters"));
            interleave(tag + " diagnostics", n, a, b);
            diagIndexedMany = a.timing();
            counterMany = b.timing();
            // Serialising inside the timing, as the engine's append must: everything an application writing these
            // documents raw would do, against the plain raw insertMany at the same moment.
            MongoCollection<Document> serialised = diagDb.getCollection("serialised");
            serialised.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            serialised.createIndex(Indexes.ascending("eventIdentifier"), new IndexOptions().unique(true));
            InsertMany c = new InsertMany(serialised, new EventSource("diag-s" + n + "-" + runId), 0, null);
            c.serialiseInsideTiming = true;
            Meter d = new InsertMany(diagDb.getCollection("plain"), new EventSource("diag-p" + n + "-" + runId), 0,
                                     null);
            interleave(tag + " diagnostics, serialising", n, c, d);
            serialisedMany = c.timing();
            plainManyAgain = d.timing();
            // Batch 1 into the collections just loaded: with the engine's indexes, and plain, at the same moment.
            Meter e = new InsertOne(indexed, new EventSource("diag-i" + n + "-" + runId), n);
            Meter f = new InsertOne(diagDb.getCollection("plain"), new EventSource("diag-p" + n + "-" + runId), n);
            interleave(tag + " diagnostics, batch 1", s, e, f);
            diagIndexedOne = e.timing();
            plainOneAgain = f.timing();
            diagDb.drop();
        }

        String b = backend.name();
        String b1note = String.format("%,d single inserts into a collection already holding N", s);
        Timing rawManyT = rawMany.timing();
        Timing rawOneT = rawOne.timing();
        Timing rawReadT = rawRead.timing();
        Timing replayT = replay.timing();
        Timing indexedOneT = indexedOne.timing();
        Timing indexedManyT = indexedMany.timing();
        rows.add(Row.of(b, n, "raw insertOne (plain collection)", "1", rawOneT, b1note));
        rows.add(Row.of(b, n, "raw insertOne + the engine's unique indexes (key, eventIdentifier)", "1", indexedOneT,
                        "measured alongside; the indexes' upkeep in the server, nothing else")
                    .vs(rawOneT, "raw insertOne", 0));
        rows.add(Row.of(b, n, "raw insertMany (plain collection)", "100", rawManyT, "load of N"));
        rows.add(Row.of(b, n, "raw insertMany + the engine's unique indexes (key, eventIdentifier)", "100",
                        indexedManyT, "measured alongside; the indexes' upkeep in the server, nothing else")
                    .vs(rawManyT, "raw insertMany", 0));
        if (diagIndexedMany != null) {
            rows.add(Row.of(b, n, "diagnostic: raw insertMany + unique indexes on key, eventIdentifier", "100",
                            diagIndexedMany, "the engine's index set, nothing else").vs(rawManyT, "raw insertMany", 0));
            rows.add(Row.of(b, n, "diagnostic: raw insertMany + one findOneAndUpdate($inc) per batch", "100",
                            counterMany, "the engine's round trips, no extra index")
                        .vs(rawManyT, "raw insertMany", 0));
            rows.add(Row.of(b, n, "diagnostic: raw insertMany + unique indexes, serialising inside the timing", "100",
                            serialisedMany, "what an application writing these documents raw must do; vs a plain "
                                            + "raw insertMany measured alongside (" + String.format("%,.0f",
                                                                                                   plainManyAgain.rate())
                                            + " ev/s)")
                        .vs(plainManyAgain, "plain alongside", 0));
            rows.add(Row.of(b, n, "diagnostic: raw insertOne + unique indexes on key, eventIdentifier", "1",
                            diagIndexedOne, "vs a plain raw insertOne measured alongside (" + String.format("%,.0f",
                                                                                                         plainOneAgain.rate())
                                        + " ev/s)")
                        .vs(plainOneAgain, "plain alongside", 0));
        }
        rows.add(Row.of(b, n, "**engine append**", "1", app1.timing(),
                        b1note.replace("single inserts", "single-event appends") + "; "
                        + ratio(app1.timing(), indexedOneT) + " × raw insertOne with the engine's indexes; median "
                        + "per chunk " + medianRatio(app1, rawOne) + " × raw insertOne, "
                        + medianRatio(app1, indexedOne) + " × with the indexes; client thread CPU per event "
                        + app1.clientCpu() + " (raw insertOne " + rawOne.clientCpu() + ")")
                    .vs(rawOneT, "raw insertOne", 0.8));
        rows.add(Row.of(b, n, "**engine append**", "100", app100.timing(),
                        "load of N; " + ratio(app100.timing(), indexedManyT)
                        + " × raw insertMany with the engine's indexes; median per chunk "
                        + medianRatio(app100, rawMany) + " × raw insertMany, " + medianRatio(app100, indexedMany)
                        + " × with the indexes; client thread CPU per event " + app100.clientCpu()
                        + " (raw insertMany " + rawMany.clientCpu() + ")")
                    .vs(rawManyT, "raw insertMany", 0.8));
        rows.add(Row.of(b, n, "raw read `_id $in`", "100", rawReadT, "N events, 100 ids per query"));
        rows.add(Row.of(b, n, "**engine tracking replay**", "100", replayT,
                        "readEvents(null,false) from the start; final GapAwareTrackingToken " + replayT.tokenBytes
                        + " B (Jackson)")
                    .vs(rawReadT, "raw read", 0.5));
        return replayT.seconds();
    }

    private static String ratio(Timing timing, Timing baseline) {
        return String.format("%.2f", timing.rate() / baseline.rate());
    }

    /**
     * The median over the rounds of an interleaved measurement of the baseline's chunk time over the meter's: the rate
     * ratio without the few chunks that a burst (compaction, a collection, a starved machine) made many times longer.
     * Shown beside the ratio of the totals, which is what the targets judge.
     */
    private static String medianRatio(Meter meter, Meter baseline) {
        int rounds = Math.min(meter.chunkNanos.size(), baseline.chunkNanos.size());
        double[] ratios = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            ratios[i] = (double) baseline.chunkNanos.get(i) / meter.chunkNanos.get(i);
        }
        Arrays.sort(ratios);
        return rounds == 0 ? "n/a" : String.format("%.2f", ratios[rounds / 2]);
    }

    /**
     * Runs two or three meters over {@code total} events in alternating chunks of a hundredth (order ab, ba, ab, …;
     * with three, each round starts one further along and every other round runs backwards), with progress every
     * tenth. Chunks this small spread the costs that come in bursts, the embedded store's compaction
     * every two seconds and garbage collection, evenly over both meters: in chunks of a tenth (about a second each)
     * a burst landed in one meter's chunk, and the same engine measured 0.74 and 1.00 × raw in two runs.
     */
    private void interleave(String label, int total, Meter... meters) {
        int chunk = Math.max(BATCH, (total / INTERLEAVED_CHUNKS) / BATCH * BATCH);
        int count = meters.length;
        gc();
        long t0 = System.nanoTime();
        int reported = 0;
        for (int done = 0, round = 0; done < total; round++) {
            int size = Math.min(chunk, total - done);
            for (int i = 0; i < count; i++) {
                int step = round % 2 == 0 ? i : count - 1 - i;
                Meter meter = meters[(step + (count > 2 ? round / 2 : 0)) % count];
                long before = meter.nanos;
                meter.advance(size);
                meter.chunkNanos.add(meter.nanos - before);
            }
            done += size;
            if (done == total || done - reported >= total / 10) {
                reported = done;
                StringBuilder rates = new StringBuilder();
                for (Meter meter : meters) {
                    rates.append(rates.isEmpty() ? "" : ", ").append(meter.name)
                         .append(String.format(" %,.0f ev/s", meter.timing().rate()));
                }
                progress("%s: %,d/%,d events; %s (%.1f s wall)", label, done, total, rates,
                         seconds(System.nanoTime() - t0));
            }
        }
    }

    private void addScalingRow(EmbeddedMongoServer.Backend backend, Map<Integer, Double> replaySeconds) {
        if (replaySeconds.size() < 2) {
            return;
        }
        List<Integer> sizes = replaySeconds.keySet().stream().sorted().toList();
        int small = sizes.get(0);
        int large = sizes.get(sizes.size() - 1);
        double ratio = replaySeconds.get(large) / replaySeconds.get(small);
        double target = 1.15 * large / small;
        Row row = new Row(backend.name(), large + "/" + small, "**engine replay time ratio**", "100");
        row.ratioText = String.format("%.2f (%.1f s / %.1f s)", ratio, replaySeconds.get(large),
                                      replaySeconds.get(small));
        row.target = String.format("≤ %.2f", target);
        row.met = ratio <= target;
        row.notes = "linear scaling = " + String.format("%.1f", (double) large / small);
        rows.add(row);
    }

    private void measureStock(EmbeddedMongoServer.Backend backend, MongoClient client, int n) {
        String tag = "[" + backend + " N=" + n + "]";
        int load = config.stockLoad > 0 ? Math.min(config.stockLoad, n) : n;
        int s = config.batch1;
        MongoDatabase stockDb = client.getDatabase("stock_" + n + "_" + runId);
        EventStorageEngine stock = stockEngine(stockDb);
        EventSource source = new EventSource("stock" + n + "-" + runId);
        Timing app100 = timed(tag + " stock append batch 100", new Append(stock, source, 0, BATCH), load);
        Replay replay = new Replay(stock, config.stockCapSeconds * 1_000_000_000L);
        gc();
        replay.progressLabel = tag + " stock replay";
        replay.advance(Integer.MAX_VALUE);
        replay.finish();
        Timing replayT = replay.timing();
        Timing app1 = timed(tag + " stock append batch 1", new Append(stock, source, load, 1), s);
        stockDb.drop();

        String b = backend.name();
        String loadNote = load == n ? "load of N" : String.format("load of %,d events only (not N)", load);
        rows.add(Row.of(b, n, "stock Axon Mongo append", "1", app1,
                        String.format("%,d single-event appends into a store already holding %s", s,
                                      load == n ? "N" : String.format("%,d", load))));
        rows.add(Row.of(b, n, "stock Axon Mongo append", "100", app100, loadNote));
        String replayNote = String.format("%s (cap %d s); delivered %,d of %,d%s; final MongoTrackingToken %,d B "
                                          + "(Jackson)",
                                          replay.capped ? "stopped at the cap" : "reached the end",
                                          config.stockCapSeconds, replayT.events, load,
                                          replay.distinct.size() != replayT.events
                                                  ? String.format(" (%,d distinct)", replay.distinct.size()) : "",
                                          replayT.tokenBytes);
        rows.add(Row.of(b, n, "stock Axon Mongo tracking replay", "100", replayT, replayNote));
    }

    /** Runs one meter over {@code total} events in chunks of a tenth, with progress. */
    private Timing timed(String label, Meter meter, int total) {
        int chunk = Math.max(BATCH, (total / 10) / BATCH * BATCH);
        gc();
        long t0 = System.nanoTime();
        for (int done = 0; done < total; ) {
            int size = Math.min(chunk, total - done);
            meter.advance(size);
            done += size;
            progress("%s: %,d/%,d events, %,.0f ev/s (%.1f s wall)", label, done, total, meter.timing().rate(),
                     seconds(System.nanoTime() - t0));
        }
        return meter.timing();
    }

    // ------------------------------------------------------------------ engines

    private MongoEventStorageEngine ledgerEngine(MongoDatabase database) {
        return MongoEventStorageEngine.builder()
                                      .database(database)
                                      .eventSerializer(serializer)
                                      .snapshotSerializer(serializer)
                                      .batchSize(BATCH)
                                      .indexAllocation(config.indexAllocation)
                                      .build();
    }

    private EventStorageEngine stockEngine(MongoDatabase database) {
        DefaultMongoTemplate template = DefaultMongoTemplate.builder().mongoDatabase(database).build();
        return org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine
                .builder()
                .mongoTemplate(template)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .batchSize(BATCH)
                .build();
    }

    // ------------------------------------------------------------------ measured operations

    /** One measured operation, advanced a number of events at a time; only the calls themselves are timed. */
    private abstract static class Meter {

        String name;
        long done;
        long nanos;
        /**
         * CPU time of the calling thread in the timed sections: the client's own work (serialising, hashing, encoding,
         * the driver), apart from the server's, which runs on the server's threads while this one waits.
         */
        long cpuNanos;
        /** The time of each chunk of an interleaved measurement, in order. */
        final List<Long> chunkNanos = new ArrayList<>();

        Meter(String name) {
            this.name = name;
        }

        /** Performs up to {@code count} more events; returns how many it did. */
        abstract int advance(int count);

        Timing timing() {
            return new Timing(done, nanos);
        }

        static long threadCpu() {
            return THREADS.getCurrentThreadCpuTime();
        }

        String clientCpu() {
            return String.format("%.1f µs", cpuNanos / 1e3 / Math.max(1, done));
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Raw {@code insertMany} of 100 documents, optionally preceded by the engine's counter {@code $inc}. */
    private final class InsertMany extends Meter {

        private final MongoCollection<Document> collection;
        private final EventSource source;
        private final long from;
        private final MongoCollection<Document> counters;
        private final InsertManyOptions ordered = new InsertManyOptions().ordered(true);
        /** Build (and so serialise) the documents inside the timed section, as the engine's append does. */
        boolean serialiseInsideTiming;

        InsertMany(MongoCollection<Document> collection, EventSource source, long from,
                   MongoCollection<Document> counters) {
            super(counters == null ? "raw insertMany" : "raw insertMany+$inc");
            this.collection = collection;
            this.source = source;
            this.from = from;
            this.counters = counters;
        }

        @Override
        int advance(int count) {
            for (int i = 0; i < count; ) {
                int size = Math.min(BATCH, count - i);
                List<DomainEventMessage<?>> messages = source.messages(from + done, size);
                long t0 = System.nanoTime();
                List<Document> documents = source.documents(from + done, messages, serializer);
                if (!serialiseInsideTiming) {
                    t0 = System.nanoTime();
                }
                if (counters != null) {
                    counters.findOneAndUpdate(Filters.eq("_id", "events"), Updates.inc("next", (long) size),
                                              new FindOneAndUpdateOptions().upsert(true)
                                                                           .returnDocument(ReturnDocument.AFTER));
                }
                long cpu = threadCpu();
                collection.insertMany(documents, ordered);
                cpuNanos += threadCpu() - cpu;
                nanos += System.nanoTime() - t0;
                done += size;
                i += size;
            }
            return count;
        }
    }

    private final class InsertOne extends Meter {

        private final MongoCollection<Document> collection;
        private final EventSource source;
        private final long from;

        InsertOne(MongoCollection<Document> collection, EventSource source, long from) {
            super("raw insertOne");
            this.collection = collection;
            this.source = source;
            this.from = from;
        }

        @Override
        int advance(int count) {
            for (int i = 0; i < count; i++) {
                Document document = source.documents(from + done, 1, serializer).get(0);
                long cpu = threadCpu();
                long t0 = System.nanoTime();
                collection.insertOne(document);
                nanos += System.nanoTime() - t0;
                cpuNanos += threadCpu() - cpu;
                done++;
            }
            return count;
        }
    }

    /** Reads ids 1, 2, … with {@code _id $in} queries of {@link #BATCH} ids each, consuming every document. */
    private static final class RawRead extends Meter {

        private final MongoCollection<Document> collection;
        long checksum;

        RawRead(MongoCollection<Document> collection) {
            super("raw read");
            this.collection = collection;
        }

        @Override
        int advance(int count) {
            int read = 0;
            for (int i = 0; i < count; i += BATCH) {
                List<Long> ids = new ArrayList<>(BATCH);
                long first = done + read + 1;
                for (long id = first; id < first + Math.min(BATCH, count - i); id++) {
                    ids.add(id);
                }
                long t0 = System.nanoTime();
                int found = 0;
                try (MongoCursor<Document> cursor = collection.find(Filters.in("_id", ids)).iterator()) {
                    while (cursor.hasNext()) {
                        Document document = cursor.next();
                        checksum += document.getString("eventIdentifier").length() + document.getLong("_id");
                        found++;
                    }
                }
                nanos += System.nanoTime() - t0;
                if (found != ids.size()) {
                    throw new IllegalStateException("raw read found " + found + " of " + ids.size() + " documents");
                }
                read += found;
            }
            done += read;
            return read;
        }
    }

    private static final class Append extends Meter {

        private final EventStorageEngine engine;
        private final EventSource source;
        private final long from;
        private final int batch;

        Append(EventStorageEngine engine, EventSource source, long from, int batch) {
            super("engine append " + batch);
            this.engine = engine;
            this.source = source;
            this.from = from;
            this.batch = batch;
        }

        @Override
        int advance(int count) {
            for (int i = 0; i < count; ) {
                int size = Math.min(batch, count - i);
                List<DomainEventMessage<?>> messages = source.messages(from + done, size);
                long cpu = threadCpu();
                long t0 = System.nanoTime();
                engine.appendEvents(messages);
                nanos += System.nanoTime() - t0;
                cpuNanos += threadCpu() - cpu;
                done += size;
                i += size;
            }
            return count;
        }
    }

    /**
     * A tracking replay from the start ({@code readEvents(null, false)}), consuming every event: its identifier and
     * its tracking token. Stops at the end of the stream or when the cap is reached.
     */
    private final class Replay extends Meter {

        private final EventStorageEngine engine;
        private final long capNanos;
        private Stream<? extends TrackedEventMessage<?>> stream;
        private Iterator<? extends TrackedEventMessage<?>> events;
        private TrackingToken last;
        private long lastPrinted = System.nanoTime();
        final java.util.Set<String> distinct = new java.util.HashSet<>();
        boolean capped;
        boolean ended;
        long checksum;
        int tokenBytes;
        String progressLabel;

        Replay(EventStorageEngine engine, long capNanos) {
            super("engine replay");
            this.engine = engine;
            this.capNanos = capNanos;
        }

        @Override
        int advance(int count) {
            int consumed = 0;
            long t0 = System.nanoTime();
            if (events == null) {
                stream = engine.readEvents(null, false);
                events = stream.iterator();
            }
            while (consumed < count && !ended && !capped) {
                if (!events.hasNext()) {
                    ended = true;
                    break;
                }
                TrackedEventMessage<?> event = events.next();
                String identifier = event.getIdentifier();
                last = event.trackingToken();
                checksum += identifier.length() + (last == null ? 0 : 1);
                distinct.add(identifier);
                consumed++;
                if (nanos + (System.nanoTime() - t0) >= capNanos) {
                    capped = true;
                }
                if (progressLabel != null && System.nanoTime() - lastPrinted > 10_000_000_000L) {
                    lastPrinted = System.nanoTime();
                    progress("%s: %,d events, %.1f s", progressLabel, done + consumed,
                             seconds(nanos + lastPrinted - t0));
                }
            }
            nanos += System.nanoTime() - t0;
            done += consumed;
            return consumed;
        }

        void finish() {
            if (stream != null) {
                stream.close();
            }
            tokenBytes = last == null ? 0 : serializer.serialize(last, byte[].class).getData().length;
        }

        @Override
        Timing timing() {
            Timing timing = super.timing();
            timing.tokenBytes = tokenBytes;
            return timing;
        }
    }

    // ------------------------------------------------------------------ events

    /** Deterministic events: event g belongs to aggregate g / 10, at sequence g % 10. */
    private static final class EventSource {

        private final String prefix;

        EventSource(String prefix) {
            this.prefix = prefix;
        }

        String aggregate(long g) {
            return "tenant-" + prefix + "-" + (g / EVENTS_PER_AGGREGATE);
        }

        TenantAdmitted payload(long g) {
            long aggregate = g / EVENTS_PER_AGGREGATE;
            return new TenantAdmitted(aggregate(g),
                                      "incubator-" + (aggregate % 997),
                                      NAMES[(int) (aggregate % NAMES.length)] + " Co., Ltd. #" + aggregate,
                                      String.format("91310000%09dX", g % 1_000_000_000L),
                                      REGIONS[(int) (g % REGIONS.length)],
                                      LocalDate.of(2024, 1, 1).plusDays(g % 700));
        }

        MetaData metaData(long g) {
            return MetaData.with("actor", "operator-" + (g % 17)).and("idempotencyKey", "cmd-" + prefix + "-" + g);
        }

        List<DomainEventMessage<?>> messages(long from, int count) {
            List<DomainEventMessage<?>> messages = new ArrayList<>(count);
            for (long g = from; g < from + count; g++) {
                messages.add(new GenericDomainEventMessage<>("Tenant", aggregate(g), g % EVENTS_PER_AGGREGATE,
                                                             payload(g), metaData(g)));
            }
            return messages;
        }

        /** Documents shaped like the ledger engine's event documents, {@code _id} = g + 1. */
        List<Document> documents(long from, int count, Serializer serializer) {
            return documents(from, messages(from, count), serializer);
        }

        /** As {@link #documents(long, int, Serializer)}, from messages already made for events from, from + 1, …. */
        List<Document> documents(long from, List<DomainEventMessage<?>> messages, Serializer serializer) {
            int count = messages.size();
            List<Document> documents = new ArrayList<>(count);
            long first = from + 1;
            long last = from + count;
            for (DomainEventMessage<?> event : messages) {
                long g = from + documents.size();
                SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
                SerializedObject<byte[]> metaData = event.serializeMetaData(serializer, byte[].class);
                documents.add(new Document("_id", g + 1)
                                      .append("key", MongoEventStorageEngine.key(event.getAggregateIdentifier(),
                                                                                 event.getSequenceNumber()))
                                      .append("aggregateIdentifier", event.getAggregateIdentifier())
                                      .append("sequenceNumber", event.getSequenceNumber())
                                      .append("type", event.getType())
                                      .append("eventIdentifier", event.getIdentifier())
                                      .append("timestamp", Date.from(event.getTimestamp()))
                                      .append("payloadType", payload.getType().getName())
                                      .append("payloadRevision", payload.getType().getRevision())
                                      .append("payload", new Binary(payload.getData()))
                                      .append("metaData", new Binary(metaData.getData()))
                                      .append("first", first)
                                      .append("last", last));
            }
            return documents;
        }
    }

    // ------------------------------------------------------------------ results

    private static final class Timing {

        final long events;
        final long nanos;
        int tokenBytes;

        Timing(long events, long nanos) {
            this.events = events;
            this.nanos = nanos;
        }

        double seconds() {
            return nanos / 1e9;
        }

        double rate() {
            return nanos == 0 ? 0 : events / seconds();
        }
    }

    private static final class Row {

        final String backend;
        final String size;
        final String measure;
        final String batch;
        Timing timing;
        String ratioText = "";
        String target = "";
        Boolean met;
        String notes = "";

        Row(String backend, String size, String measure, String batch) {
            this.backend = backend;
            this.size = size;
            this.measure = measure;
            this.batch = batch;
        }

        static Row of(String backend, int n, String measure, String batch, Timing timing, String notes) {
            Row row = new Row(backend, String.format("%,d", n), measure, batch);
            row.timing = timing;
            row.notes = notes;
            return row;
        }

        Row vs(Timing baseline, String baselineName, double minimum) {
            double ratio = timing.rate() / baseline.rate();
            ratioText = String.format("%.2f × %s", ratio, baselineName);
            if (minimum > 0) {
                target = String.format("≥ %.1f", minimum);
                met = ratio >= minimum;
            }
            return this;
        }
    }

    private String render() {
        StringBuilder out = new StringBuilder();
        out.append("## Event-store benchmark\n\n");
        out.append(String.format(Locale.ROOT,
                                 "Embedded mongo-java-server over TCP (driver %s), one server per backend: H2 = MVStore "
                                 + "file in a temp dir, committed before every write is acknowledged (no fsync); "
                                 + "MEMORY = in-memory backend. JVM %s, %d cores, max heap %,d MB. Payload: "
                                 + "TenantAdmitted record (6 fields) + metadata (actor, idempotencyKey), "
                                 + "JacksonSerializer; %d events per aggregate. Batch-1 rows: %,d operations. "
                                 + "Stock engine = org.axonframework.extensions.mongo MongoEventStorageEngine %s "
                                 + "(DefaultMongoTemplate, DocumentPerEventStorageStrategy), its own database on the "
                                 + "same server. Tracking batch = 100 for both engines. Ledger engine: %s, index "
                                 + "allocation %s. Total run %.1f min.%s\n\n",
                                 driverVersion(), System.getProperty("java.version"),
                                 Runtime.getRuntime().availableProcessors(),
                                 Runtime.getRuntime().maxMemory() / (1024 * 1024), EVENTS_PER_AGGREGATE,
                                 config.batch1, stockVersion(), engineRevision, config.indexAllocation,
                                 seconds(System.nanoTime() - started) / 60,
                                 config.quick ? " **QUICK MODE (smoke run; figures not meaningful).**" : ""));
        out.append("| Backend | N | Measure | Batch | Events | Time (s) | Rate (events/s) | Ratio | Target | Met | "
                   + "Notes |\n");
        out.append("|---|---:|---|---:|---:|---:|---:|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(row.backend)
               .append(" | ").append(row.size)
               .append(" | ").append(row.measure)
               .append(" | ").append(row.batch)
               .append(" | ").append(row.timing == null ? "" : String.format("%,d", row.timing.events))
               .append(" | ").append(row.timing == null ? "" : String.format("%.2f", row.timing.seconds()))
               .append(" | ").append(row.timing == null ? "" : String.format("%,.0f", row.timing.rate()))
               .append(" | ").append(row.ratioText)
               .append(" | ").append(row.target)
               .append(" | ").append(row.met == null ? "" : row.met ? "yes" : "**NO**")
               .append(" | ").append(row.notes)
               .append(" |\n");
        }
        List<Row> judged = rows.stream().filter(r -> r.met != null).toList();
        long met = judged.stream().filter(r -> r.met).count();
        out.append(String.format("%nTargets: engine append ≥ 0.8 × raw insert at the same batch size; engine replay "
                                 + "≥ 0.5 × raw read; replay time at the largest N ≤ 1.15 × (size ratio) × replay "
                                 + "time at the smallest N (≤ 2.3 for 200k/100k). Met %d of %d.%n", met,
                                 judged.size()));
        String missed = judged.stream().filter(r -> !r.met)
                              .map(r -> r.backend + " N=" + r.size + " " + r.measure.replace("**", "") + " batch "
                                        + r.batch + " (" + r.ratioText + ", target " + r.target + ")")
                              .collect(Collectors.joining("; "));
        if (!missed.isEmpty()) {
            out.append("Missed: ").append(missed).append(".\n");
        }
        return out.toString();
    }

    private static String driverVersion() {
        Package p = MongoClient.class.getPackage();
        return p.getImplementationVersion() == null ? "mongodb-driver-sync" : p.getImplementationVersion();
    }

    /** The commit the ledger engine was built from, when the benchmark runs in a git work tree. */
    private static String engineRevision() {
        String head = git("rev-parse", "--short", "HEAD");
        if (head.isEmpty()) {
            return "cn.incubation.ledger.eventstore.MongoEventStorageEngine";
        }
        String dirty = git("status", "--porcelain", "--", "src/main");
        return "commit " + head + (dirty.isEmpty() ? "" : " + uncommitted changes in src/main");
    }

    private static String git(String... args) {
        try {
            List<String> command = new ArrayList<>();
            command.add("git");
            command.addAll(Arrays.asList(args));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor() == 0 ? output : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static String stockVersion() {
        Package p = DefaultMongoTemplate.class.getPackage();
        return p.getImplementationVersion() == null ? "" : p.getImplementationVersion();
    }

    // ------------------------------------------------------------------ configuration and plumbing

    private record Config(boolean quick, List<Integer> sizes, int batch1, long stockCapSeconds, int stockLoad,
                          List<EmbeddedMongoServer.Backend> backends, int warmup, boolean diagnose, boolean stock,
                          MongoEventStorageEngine.IndexAllocation indexAllocation, String out) {

        static Config fromSystemProperties() {
            boolean quick = Boolean.parseBoolean(prop("bench.quick", "false"));
            List<Integer> sizes = Arrays.stream(prop("bench.sizes", quick ? "2000,4000" : "100000,200000").split(","))
                                        .map(String::trim).filter(s -> !s.isEmpty())
                                        .map(s -> Integer.parseInt(s.replace("_", "")))
                                        .sorted(Comparator.naturalOrder()).distinct().toList();
            int batch1 = Integer.parseInt(prop("bench.batch1", quick ? "500" : "10000"));
            long cap = Long.parseLong(prop("bench.stockCapSeconds", quick ? "5" : "60"));
            int stockLoad = Integer.parseInt(prop("bench.stockLoad", "0"));
            List<EmbeddedMongoServer.Backend> backends =
                    Arrays.stream(prop("bench.backends", "H2,MEMORY").split(","))
                          .map(String::trim).filter(s -> !s.isEmpty())
                          .map(s -> EmbeddedMongoServer.Backend.valueOf(s.toUpperCase(Locale.ROOT))).toList();
            int warmup = Integer.parseInt(prop("bench.warmup", quick ? "500" : "20000"));
            String out = System.getProperty("bench.out", "target/bench-eventstore.md");
            boolean diagnose = Boolean.parseBoolean(prop("bench.diagnose", "false"));
            boolean stock = Boolean.parseBoolean(prop("bench.stock", "true"));
            // auto: what the ledger itself uses on the embedded server (see EventStoreProperties#resolve).
            String allocation = prop("bench.indexAllocation", "auto").toUpperCase(Locale.ROOT).replace('-', '_');
            MongoEventStorageEngine.IndexAllocation indexAllocation =
                    allocation.equals("AUTO") ? MongoEventStorageEngine.IndexAllocation.SINGLE_WRITER
                            : MongoEventStorageEngine.IndexAllocation.valueOf(allocation);
            return new Config(quick, sizes, batch1, cap, stockLoad, backends, warmup, diagnose, stock,
                              indexAllocation, out);
        }

        /** A property that is unset or empty (as the pom passes unset ones) takes the default. */
        private static String prop(String name, String defaultValue) {
            String value = System.getProperty(name);
            return value == null || value.isBlank() ? defaultValue : value.trim();
        }
    }

    private static void progress(String format, Object... args) {
        System.err.printf("%tT %s%n", new Date(), String.format(format, args));
        System.err.flush();
    }

    private static void gc() {
        System.gc();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** Logging to stderr at WARN, so stdout carries only the table. */
    private static void quietLogging() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss} %-5level %logger{36} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
