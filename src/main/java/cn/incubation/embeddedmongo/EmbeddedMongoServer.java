package cn.incubation.embeddedmongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An in-process MongoDB-wire server (mongo-java-server) for machines without a real {@code mongod}. Clients talk to
 * it over TCP with the ordinary driver, exactly as they talk to a real MongoDB. This package knows nothing of the
 * application that uses it: it is mongo-java-server made durable and quicker on H2, and could be a library of its own.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

    /** Where the embedded server keeps its data. */
    public enum Backend {
        /** H2 MVStore file under the data directory; every write is committed before it is acknowledged. */
        H2,
        /** Memory only: gone when the process ends. For tests and benchmarks. */
        MEMORY
    }

    private final MongoServer server;
    private final InetSocketAddress address;
    private final MVStore store;

    /**
     * How long the store keeps chunks that no longer hold live data before reusing them (H2's default is 45 s). A
     * commit per write makes chunks at hundreds per second, and the file must hold all of them for that long, many
     * times its live size under load. A process crash loses nothing
     * either way (the operating system still writes what was handed to it); the retention guards the file against a
     * power loss before the disk has it, against which only {@code fsync} protects, and with {@code fsync} every
     * commit is on the disk before the next, so nothing needs retaining at all.
     */
    static final int RETENTION_MILLIS = 1_000;

    /**
     * The store's page cache in MB: a sixteenth of the heap, between H2's default of 16 and 256. After each commit the
     * store holds its pages only through this cache, and every written page goes into it; at 16 MB each commit evicted
     * pages that the next write or compaction read back and decoded.
     */
    static int cacheMegabytes() {
        long sixteenth = Runtime.getRuntime().maxMemory() / (16L * 1024 * 1024);
        return (int) Math.max(16, Math.min(256, sixteenth));
    }

    private EmbeddedMongoServer(MongoServer server, InetSocketAddress address, MVStore store) {
        this.server = server;
        this.address = address;
        this.store = store;
    }

    /**
     * Starts a server bound to 127.0.0.1.
     *
     * @param backend where to keep the data
     * @param storeFile the H2 file that holds the whole store, created with its directory when missing (ignored for
     *                  {@link Backend#MEMORY})
     * @param port    the port, or 0 for any free port
     * @param sync    whether every commit is also forced to the disk (survives power loss, not only a crash)
     */
    public static EmbeddedMongoServer start(Backend backend, Path storeFile, int port, boolean sync) {
        MVStore store = null;
        MongoBackend mongoBackend;
        if (backend == Backend.H2) {
            Path file = storeFile.toAbsolutePath();
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the directory " + file.getParent(), e);
            }
            // No auto-commit at all, neither timed nor when unsaved changes pile up: DurableH2Backend commits whole
            // write commands itself (see there why).
            store = open(new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().autoCommitBufferSize(0)
                                              .cacheSize(cacheMegabytes()),
                         file);
            store.setRetentionTime(sync ? 0 : RETENTION_MILLIS);
            mongoBackend = new DurableH2Backend(store, sync);
            log.info("Embedded MongoDB keeps its data in {}", file.toAbsolutePath());
        } else {
            mongoBackend = new UniqueIndexMemoryBackend();
        }
        MongoServer server = new MongoServer(mongoBackend);
        server.bind("127.0.0.1", port);
        InetSocketAddress address = server.getLocalAddress();
        EmbeddedMongoServer embedded = new EmbeddedMongoServer(server, address, store);
        log.info("Embedded MongoDB ({}) listening; connect with {}", backend, embedded.connectionString());
        return embedded;
    }

    /** Opens the store in {@code file}; a store another process holds is said in one line, not H2's trace. */
    static MVStore open(MVStore.Builder builder, Path file) {
        try {
            return builder.open();
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new StoreLockedException(file.toAbsolutePath().normalize(), e);
            }
            throw e;
        }
    }

    /** The H2 store behind the server; none for {@link Backend#MEMORY}. */
    MVStore store() {
        return store;
    }

    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
        if (store != null && !store.isClosed()) {
            store.close();
        }
    }
}
