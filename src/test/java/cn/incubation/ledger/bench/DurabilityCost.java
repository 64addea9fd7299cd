package cn.incubation.ledger.bench;

import cn.incubation.ledger.mongo.LedgerStore;
import cn.incubation.embeddedmongo.EmbeddedMongoServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.types.Binary;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * What durability costs on the embedded MongoDB-wire server: insert rates, one document at a time and in batches of
 * 100, on
 * <ol type="a">
 *     <li>mongo-java-server's own H2 backend (acknowledges from memory; a background commit about once a second),</li>
 *     <li>the ledger's H2 backend, which commits before it acknowledges,</li>
 *     <li>the same with every commit forced to the disk (fsync),</li>
 *     <li>the memory backend;</li>
 * </ol>
 * then the size of the H2 file over many single inserts committed one by one. Not a test; run it with
 * <pre>
 * mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=cn.incubation.ledger.bench.DurabilityCost
 * </pre>
 * Optional arguments: {@code <single inserts> <batches of 100> <inserts for the file size, 0 to skip>
 * <seconds to wait open after them>} (defaults 3000, 100, 100000, 60). Each backend is measured three times on a
 * fresh server, after one uncounted round; the median and every run are printed. The documents look like the event
 * store's: about 250 bytes of payload, unique indexes on {@code key} and {@code eventIdentifier}; one client thread.
 * Rates on H2 fall as a collection grows, so compare figures taken with the same counts.
 */
public final class DurabilityCost {

    private enum Variant {
        STOCK_H2("(a) stock H2Backend"),
        DURABLE("(b) DurableH2Backend, no fsync"),
        DURABLE_FSYNC("(c) DurableH2Backend, fsync"),
        MEMORY("(d) MemoryBackend");

        final String label;

        Variant(String label) {
            this.label = label;
        }
    }

    private static final byte[] PAYLOAD = new byte[250];

    private DurabilityCost() {
    }

    public static void main(String[] args) throws Exception {
        int singles = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int fileSizeInserts = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int idleSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        ThreadLocalRandom.current().nextBytes(PAYLOAD);

        int rounds = 3;
        Variant[] variants = Variant.values();
        // One round that is not counted: the first runs measure the JIT compiler more than the backends.
        for (Variant variant : variants) {
            measure(variant, singles, batches);
        }
        double[][] singleRates = new double[variants.length][rounds];
        double[][] batchRates = new double[variants.length][rounds];
        for (int round = 0; round < rounds; round++) {
            // A different order each round, so that no variant always runs first (or last) on a warming JVM.
            for (int k = 0; k < variants.length; k++) {
                int v = (k + round) % variants.length;
                double[] rates = measure(variants[v], singles, batches);
                singleRates[v][round] = rates[0];
                batchRates[v][round] = rates[1];
                System.err.printf(Locale.ROOT, "round %d %-34s %8.0f %8.0f%n", round + 1, variants[v].label,
                                  rates[0], rates[1]);
            }
        }
        System.out.printf(Locale.ROOT, "%n%d insertOne and %d insertMany(100) per run, %d runs each; median (all runs)%n",
                          singles, batches, rounds);
        System.out.printf(Locale.ROOT, "%-34s %28s %28s%n", "backend", "insertOne docs/s",
                          "insertMany(100) docs/s");
        for (int v = 0; v < variants.length; v++) {
            System.out.printf(Locale.ROOT, "%-34s %28s %28s%n", variants[v].label, summary(singleRates[v]),
                              summary(batchRates[v]));
        }

        if (fileSizeInserts > 0) {
            fileSize(fileSizeInserts, idleSeconds);
        }
    }

    /** Inserts into a fresh server; returns docs/s for insertOne and for insertMany(100). */
    private static double[] measure(Variant variant, int singles, int batches) throws Exception {
        Path dir = Files.createTempDirectory("durability-cost");
        try (Server server = Server.start(variant, dir)) {
            MongoClient client = server.client;
            warmUp(client.getDatabase("bench").getCollection("warmup"));
            MongoCollection<Document> ones = eventsCollection(client.getDatabase("bench").getCollection("ones"));
            long start = System.nanoTime();
            for (int i = 0; i < singles; i++) {
                ones.insertOne(event(i));
            }
            double singleRate = singles / seconds(start);

            MongoCollection<Document> many = eventsCollection(client.getDatabase("bench").getCollection("many"));
            start = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                List<Document> batch = new ArrayList<>(100);
                for (int i = 0; i < 100; i++) {
                    batch.add(event(b * 100L + i));
                }
                many.insertMany(batch);
            }
            double batchRate = batches * 100 / seconds(start);
            return new double[]{singleRate, batchRate};
        } finally {
            delete(dir);
        }
    }

    private static String summary(double[] rates) {
        double[] sorted = rates.clone();
        java.util.Arrays.sort(sorted);
        StringBuilder all = new StringBuilder();
        for (double rate : rates) {
            all.append(all.length() == 0 ? "" : ", ").append(Math.round(rate));
        }
        return String.format(Locale.ROOT, "%.0f (%s)", sorted[sorted.length / 2], all);
    }

    /** The H2 file while {@code count} single inserts are each committed before they are acknowledged. */
    private static void fileSize(int count, int idleSeconds) throws Exception {
        Path dir = Files.createTempDirectory("durability-size");
        Path file = dir.resolve("ledger.mv");
        System.out.printf(Locale.ROOT, "%nH2 file, DurableH2Backend (commit per write, no fsync), %d single inserts:%n",
                          count);
        try {
            Server server = Server.start(Variant.DURABLE, dir);
            MongoCollection<Document> events =
                    eventsCollection(server.client.getDatabase("bench").getCollection("events"));
            long start = System.nanoTime();
            int step = Math.max(1, count / 10);
            for (int i = 0; i < count; i++) {
                events.insertOne(event(i));
                if ((i + 1) % step == 0) {
                    System.out.printf(Locale.ROOT, "  %,9d inserts  %7.1f s  %8.1f MB%n", i + 1, seconds(start),
                                      megabytes(file));
                }
            }
            for (int waited = 0; waited < idleSeconds; waited += 15) {
                Thread.sleep(15_000);
                System.out.printf(Locale.ROOT, "  idle %3d s, still open          %8.1f MB%n", waited + 15,
                                  megabytes(file));
            }
            server.close();
            System.out.printf(Locale.ROOT, "  closed (EmbeddedMongoServer.close)  %8.1f MB%n", megabytes(file));
            try (MVStore store = new MVStore.Builder().fileName(file.toString()).open()) {
                System.out.printf(Locale.ROOT, "  reopened: file fill rate %d%%, live data in the chunks %d%%%n",
                                  store.getFillRate(), store.getFileStore().getChunksFillRate());
                store.compactFile(60_000);
            }
            System.out.printf(Locale.ROOT, "  after MVStore.compactFile(60 s)    %8.1f MB%n", megabytes(file));
            long compactStart = System.nanoTime();
            new MVStore.Builder().fileName(file.toString()).open().close(-1);
            System.out.printf(Locale.ROOT, "  after MVStore.close(-1) (full)    %8.1f MB, took %.1f s%n",
                              megabytes(file), seconds(compactStart));
            try (Server reopened = Server.start(Variant.DURABLE, dir)) {
                long documents = reopened.client.getDatabase("bench").getCollection("events").countDocuments();
                System.out.printf(Locale.ROOT, "  reopened after full compaction: %d documents%n", documents);
            }
        } finally {
            delete(dir);
        }
    }

    private static MongoCollection<Document> eventsCollection(MongoCollection<Document> collection) {
        collection.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
        collection.createIndex(Indexes.ascending("eventIdentifier"), new IndexOptions().unique(true));
        return collection;
    }

    private static Document event(long index) {
        String aggregate = "aggregate-" + (index % 100);
        long sequence = index / 100;
        return new Document("_id", index)
                .append("key", sequence + "@" + aggregate)
                .append("aggregateIdentifier", aggregate)
                .append("sequenceNumber", sequence)
                .append("eventIdentifier", "event-" + index)
                .append("timestamp", new Date())
                .append("payloadType", "cn.incubation.ledger.SomethingHappened")
                .append("payload", new Binary(PAYLOAD))
                .append("first", index)
                .append("last", index);
    }

    private static void warmUp(MongoCollection<Document> collection) {
        for (int i = 0; i < 1_000; i++) {
            collection.insertOne(event(i));
        }
        for (int b = 0; b < 20; b++) {
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(event(10_000 + b * 100L + i));
            }
            collection.insertMany(batch);
        }
        collection.drop();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double megabytes(Path file) throws IOException {
        return Files.size(file) / (1024.0 * 1024.0);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** One of the four servers, and a driver connected to it. */
    private static final class Server implements AutoCloseable {

        final MongoClient client;
        private final AutoCloseable server;

        private Server(MongoClient client, AutoCloseable server) {
            this.client = client;
            this.server = server;
        }

        static Server start(Variant variant, Path dir) {
            switch (variant) {
                case STOCK_H2: {
                    MVStore store = new MVStore.Builder().fileName(dir.resolve("ledger.mv").toString()).open();
                    MongoServer server = new MongoServer(new H2Backend(store));
                    server.bind("127.0.0.1", 0);
                    String uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
                    return new Server(MongoClients.create(uri), () -> {
                        server.shutdownNow();
                        store.close();
                    });
                }
                case DURABLE:
                case DURABLE_FSYNC:
                case MEMORY: {
                    EmbeddedMongoServer server = EmbeddedMongoServer.start(
                            variant == Variant.MEMORY ? EmbeddedMongoServer.Backend.MEMORY
                                    : EmbeddedMongoServer.Backend.H2,
                            dir == null ? null : LedgerStore.file(dir), 0, variant == Variant.DURABLE_FSYNC);
                    return new Server(MongoClients.create(server.connectionString()), server);
                }
                default:
                    throw new IllegalArgumentException(variant.name());
            }
        }

        @Override
        public void close() throws Exception {
            client.close();
            server.close();
        }
    }
}
