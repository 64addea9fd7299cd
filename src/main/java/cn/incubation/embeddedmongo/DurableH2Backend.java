package cn.incubation.embeddedmongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The embedded server's H2 backend, changed so that an acknowledged write is in the file and no half-done write ever
 * is.
 * <p>
 * Stock, the backend acknowledges writes that live only in memory until the store's background commit a second
 * later, so a process killed in that second loses acknowledged events. Here every write command is committed before
 * it is answered, unless the client asked for no journal ({@code j: false}, see {@link #unjournaled}). The store must
 * be opened without auto-commit: the server writes a document and then its index
 * entries as separate changes, and a commit in between (the background writer's, or another client's) would save a
 * document that no index knows about. Write commands therefore run under a shared lock and commits under the
 * exclusive one, so a commit only ever sees whole commands; concurrent writers still share commits.
 */
class DurableH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(DurableH2Backend.class);
    /**
     * Compaction rewrites up to {@link #COMPACTION_BYTES} every quarter of a second, inside whichever write comes then:
     * the same rate as 16 MB every two seconds, in portions small enough that no one write waits for all of it.
     */
    private static final long COMPACTION_INTERVAL_NANOS = 250_000_000L;
    private static final int COMPACTION_FILL_RATE = 60;
    private static final int COMPACTION_BYTES = 2 * 1024 * 1024;
    /** Estimated memory of the changes left uncommitted by unjournaled writes before one of them commits. */
    private static final int UNJOURNALED_MEMORY = 64 * 1024 * 1024;
    private static final Set<String> WRITE_COMMANDS = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        WRITE_COMMANDS.addAll(Set.of("insert", "update", "delete", "findAndModify", "createIndexes", "dropIndexes",
                                     "drop", "dropDatabase", "create", "renameCollection"));
    }

    private final MVStore store;
    private final boolean sync;
    private final long compactionIntervalNanos;
    private final ReentrantReadWriteLock commitLock = new ReentrantReadWriteLock();
    private long lastCompaction = System.nanoTime();

    DurableH2Backend(MVStore store, boolean sync) {
        this(store, sync, COMPACTION_INTERVAL_NANOS);
    }

    /** With compaction looked at every {@code compactionIntervalNanos} instead of every quarter second (for tests). */
    DurableH2Backend(MVStore store, boolean sync, long compactionIntervalNanos) {
        super(store);
        this.store = store;
        this.sync = sync;
        this.compactionIntervalNanos = compactionIntervalNanos;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        // Called from H2Backend's constructor too, before this class's fields are assigned.
        return OrderedKeyH2Database.open(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if (!WRITE_COMMANDS.contains(command)) {
            return super.handleCommand(channel, database, command, query);
        }
        Document response;
        commitLock.readLock().lock();
        try {
            response = super.handleCommand(channel, database, command, query);
        } finally {
            commitLock.readLock().unlock();
        }
        if (unjournaled(query) && store.getUnsavedMemory() < UNJOURNALED_MEMORY) {
            return response;
        }
        commitLock.writeLock().lock();
        try {
            // Nothing to write if another client's commit already took this command's changes along.
            store.commit();
            compactNowAndThen();
            if (sync) {
                store.sync();
            }
        } finally {
            commitLock.writeLock().unlock();
        }
        return response;
    }

    /**
     * Whether the client asked for an acknowledgement without the journal ({@code writeConcern: {j: false}}), as a
     * rebuild of a projection does for the writes of its first pass, which starts over after a crash anyway. Such a
     * write is applied and answered, and reaches the file with the next commit: the next journaled write, or this one
     * once {@link #UNJOURNALED_MEMORY} of changes are pending. A page then changed by many commands is written once
     * instead of once per command: a commit writes every page a command touched whole, so a thousand updates of
     * scattered documents rewrote a thousand pages of ten or so documents each, every time.
     */
    private static boolean unjournaled(Document query) {
        return query.get("writeConcern") instanceof Document concern && Boolean.FALSE.equals(concern.get("j"));
    }

    /**
     * Rewrites the live pages of sparse chunks several times a second, a little at a time. Without it the file
     * grows with every commit under bulk load (a chunk is reused only once nothing in it is live, and a commit per
     * write leaves many chunks a little live); the store's own background compaction runs only with auto-commit,
     * which must stay off here.
     */
    private void compactNowAndThen() {
        long now = System.nanoTime();
        if (now - lastCompaction < compactionIntervalNanos) {
            return;
        }
        lastCompaction = now;
        // compact() itself checks how much of the chunks is live. The file's fill rate, which this checked before,
        // counts every chunk that still holds one live page as full: a commit per write leaves thousands of those, so
        // it stayed near full while most of the file was dead.
        if (store.compact(COMPACTION_FILL_RATE, COMPACTION_BYTES)) {
            store.commit();
        }
    }

    /**
     * Compacts the file fully before closing: a commit per write leaves tens of kilobytes of old chunks each, which
     * the store reuses only after its retention time.
     */
    @Override
    public void close() {
        if (!store.isClosed()) {
            log.info("Compacting the embedded store before closing ({} MB on disk)",
                     store.getFileStore() == null ? 0 : store.getFileStore().size() / (1024 * 1024));
            commitLock.writeLock().lock();
            try {
                store.close(-1);
            } finally {
                commitLock.writeLock().unlock();
            }
        }
        super.close();
    }
}
