package cn.incubation.ledger.eventstore;

import cn.incubation.ledger.mongo.LedgerStore;
import cn.incubation.embeddedmongo.EmbeddedMongoServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.h2.mvstore.MVStore;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The child process of {@link AcknowledgedAppendsSurviveKillTest}: an embedded MongoDB server on H2 files, a
 * {@link MongoEventStorageEngine} over a driver connection to it, and two threads that append events until the
 * process is killed.
 * <p>
 * Arguments: {@code <dataDir> <backend> [<index allocation>]}; the index allocation is a
 * {@link MongoEventStorageEngine.IndexAllocation} (default {@code SHARED_COUNTER}), the backend one of
 * <ul>
 *     <li>{@code durable}: {@link EmbeddedMongoServer} with {@link EmbeddedMongoServer.Backend#H2}, which commits the
 *     store before it acknowledges a write (what the ledger runs);</li>
 *     <li>{@code stock-uncommitted}: mongo-java-server's own {@link H2Backend}, whose store is left to commit in the
 *     background, with that background commit switched off so that the outcome does not depend on timing;</li>
 *     <li>{@code stock-default}: mongo-java-server's own {@link H2Backend} with the store's default background commit
 *     (about once a second). Used for measurements only.</li>
 * </ul>
 * Protocol on stdout, one line each, flushed at once (everything else is sent to stderr):
 * <pre>
 * &#64;READY
 * &#64;BEGIN &lt;appendId&gt; &lt;aggregateId&gt; &lt;firstSequence&gt; &lt;eventId&gt;,&lt;eventId&gt;,…   before appendEvents is called
 * &#64;ACK &lt;appendId&gt;                                                  after appendEvents returned
 * &#64;FAIL &lt;appendId&gt; &lt;message&gt;                                        appendEvents threw; the thread stops
 * </pre>
 * Each thread owns its aggregates, so appends never conflict; an aggregate has at most one append in flight, its last.
 */
public final class AppendingProcess {

    static final String READY = "@READY";
    static final String BEGIN = "@BEGIN";
    static final String ACK = "@ACK";
    static final String FAIL = "@FAIL";

    static final String DATABASE = "ledger";
    static final int THREADS = 2;
    static final int AGGREGATES_PER_THREAD = 4;

    /** Unbuffered: one write(2) per line, so a line reaches the pipe whole or not at all. */
    private static FileOutputStream protocol;

    private AppendingProcess() {
    }

    public static void main(String[] args) throws Exception {
        // Keep stdout for the protocol; logging (logback's console appender follows System.out) goes to stderr.
        protocol = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);

        Path dataDir = Path.of(args[0]);
        String backend = args[1];
        MongoEventStorageEngine.IndexAllocation allocation = args.length > 2
                ? MongoEventStorageEngine.IndexAllocation.valueOf(args[2])
                : MongoEventStorageEngine.IndexAllocation.SHARED_COUNTER;
        String connectionString = startServer(dataDir, backend);

        MongoClient client = MongoClients.create(connectionString);
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                                                                .database(client.getDatabase(DATABASE))
                                                                .eventSerializer(serializer)
                                                                .snapshotSerializer(serializer)
                                                                .indexAllocation(allocation)
                                                                .build();
        print(READY);

        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int owner = t;
            Thread thread = new Thread(() -> appendForever(engine, owner), "appender-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        // Only reached when both threads failed; the parent reports the failures.
        System.exit(3);
    }

    private static String startServer(Path dataDir, String backend) throws Exception {
        switch (backend) {
            case "durable":
                return EmbeddedMongoServer.start(EmbeddedMongoServer.Backend.H2, LedgerStore.file(dataDir), 0, false).connectionString();
            case "stock-uncommitted":
            case "stock-default": {
                Files.createDirectories(dataDir);
                MVStore.Builder builder = new MVStore.Builder().fileName(dataDir.resolve("ledger.mv").toString());
                if (backend.equals("stock-uncommitted")) {
                    // Neither the timer (autoCommitDelay) nor the amount of unsaved memory starts a commit.
                    builder.autoCommitDisabled().autoCommitBufferSize(1024 * 1024);
                }
                MongoServer server = new MongoServer(new H2Backend(builder.open()));
                server.bind("127.0.0.1", 0);
                return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
            }
            default:
                throw new IllegalArgumentException("Unknown backend " + backend);
        }
    }

    private static void appendForever(MongoEventStorageEngine engine, int owner) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long[] nextSequence = new long[AGGREGATES_PER_THREAD];
        for (long n = 0; ; n++) {
            int aggregate = random.nextInt(AGGREGATES_PER_THREAD);
            String aggregateId = "agg-" + owner + "-" + aggregate;
            int size = random.nextBoolean() ? 1 : 5;
            long first = nextSequence[aggregate];
            String appendId = owner + "-" + n;
            List<EventMessage<?>> events = new ArrayList<>(size);
            StringBuilder ids = new StringBuilder();
            for (int i = 0; i < size; i++) {
                long sequence = first + i;
                String eventId = eventId(aggregateId, sequence);
                events.add(new GenericDomainEventMessage<>("Test", aggregateId, sequence,
                                                           payload(eventId, appendId),
                                                           Map.of("append", appendId), eventId, Instant.now()));
                ids.append(i == 0 ? "" : ",").append(eventId);
            }
            print(BEGIN + " " + appendId + " " + aggregateId + " " + first + " " + ids);
            try {
                engine.appendEvents(events);
            } catch (RuntimeException e) {
                print(FAIL + " " + appendId + " " + String.valueOf(e).replace('\n', ' '));
                e.printStackTrace();
                return;
            }
            print(ACK + " " + appendId);
            nextSequence[aggregate] = first + size;
        }
    }

    static String eventId(String aggregateId, long sequence) {
        return aggregateId + ":" + sequence;
    }

    static String payload(String eventId, String appendId) {
        return "payload of " + eventId + " in append " + appendId;
    }

    /** One call of appendEvents, as announced by a {@code @BEGIN} line. */
    record Append(String id, String aggregateId, long firstSequence, List<String> eventIds) {
    }

    private static void print(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (protocol) {
            try {
                protocol.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
