package cn.incubation.ledger.mongo;

import cn.incubation.embeddedmongo.EmbeddedMongoServer;
import cn.incubation.embeddedmongo.StoreCopies;
import cn.incubation.embeddedmongo.StoreLockedException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Backups of the ledger's embedded store ({@link StoreCopies}), in the ledger's words: the copy of a running store is
 * the store at its last whole commit, from which the ledger starts as after a crash. A ledger on an external MongoDB
 * has none of this: its replica set is backed up with MongoDB's tools (README).
 */
public final class StoreBackup {

    private final EmbeddedMongoServer server;
    private final boolean inMemory;

    StoreBackup(EmbeddedMongoServer server, boolean inMemory) {
        this.server = server;
        this.inMemory = inMemory;
    }

    /** Why this ledger cannot back itself up, or null when it can. */
    public String unavailable() {
        if (server == null) {
            return "the ledger runs on an external MongoDB: back it up with mongodump --oplog or a snapshot of the "
                    + "replica set (see the README's backup section)";
        }
        if (inMemory) {
            return "the ledger keeps its data in memory (ledger.embedded.backend=memory): there is nothing to copy";
        }
        return null;
    }

    /** Writes the running store's copy to {@code out}; see {@link #unavailable()} first. */
    public void writeTo(OutputStream out) throws IOException {
        if (unavailable() != null) {
            throw new IllegalStateException(unavailable());
        }
        StoreCopies.copyRunning(server, out);
    }

    /** Writes the copy of a stopped ledger's store; refused while a ledger holds it. */
    public static void writeStopped(Path dataDir, OutputStream out) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path file = LedgerStore.file(dir);
        if (!Files.isRegularFile(file)) {
            throw DataDirectoryException.missing(dir);
        }
        try {
            StoreCopies.copyStopped(file, out);
        } catch (StoreLockedException e) {
            throw DataDirectoryException.locked(dir, e);
        }
    }

    /**
     * Restores a copy into a data directory that holds no ledger yet, and opens it once to prove it whole. Nothing is
     * left behind when the copy is not one.
     */
    public static void restore(InputStream backup, Path dataDir) throws IOException {
        Path file = LedgerStore.file(dataDir);
        if (Files.exists(file)) {
            throw new IllegalArgumentException("There is a ledger at " + dataDir.toAbsolutePath().normalize()
                    + " already: restore into a new --ledger.data-dir, or move that one away first");
        }
        try {
            StoreCopies.restore(backup, file);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a ledger backup: " + e.getMessage(), e);
        }
    }
}
