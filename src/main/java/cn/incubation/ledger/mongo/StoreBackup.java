package cn.incubation.ledger.mongo;

import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Copies of the embedded store, as a zip holding its one file, made by H2's own online backup: while it copies, the
 * store writes only past the end of the file, so the copy is the store as of its last whole commit (the same state a
 * crash at that moment leaves, from which the ledger starts). A ledger on an external MongoDB has none of this: its
 * replica set is backed up with MongoDB's tools (README).
 */
public final class StoreBackup {

    private final EmbeddedMongoServer server;

    StoreBackup(EmbeddedMongoServer server) {
        this.server = server;
    }

    /** Why this ledger cannot back itself up, or null when it can. */
    public String unavailable() {
        if (server == null) {
            return "the ledger runs on an external MongoDB: back it up with mongodump --oplog or a snapshot of the "
                    + "replica set (see the README's backup section)";
        }
        if (server.store() == null) {
            return "the ledger keeps its data in memory (ledger.embedded.backend=memory): there is nothing to copy";
        }
        return null;
    }

    /** Writes the running store's copy to {@code out}; see {@link #unavailable()} first. */
    public void writeTo(OutputStream out) throws IOException {
        if (unavailable() != null) {
            throw new IllegalStateException(unavailable());
        }
        write(server.store(), out);
    }

    private static void write(MVStore store, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        store.getFileStore().backup(zip);
        zip.finish();
    }

    /** Writes the copy of a stopped ledger's store; refused while a ledger holds it. */
    public static void writeStopped(Path dataDir, OutputStream out) throws IOException {
        Path file = dataDir.resolve(EmbeddedMongoServer.STORE_FILE);
        if (!Files.isRegularFile(file)) {
            throw DataDirectoryException.missing(dataDir.toAbsolutePath().normalize());
        }
        MVStore store = EmbeddedMongoServer.open(new MVStore.Builder().fileName(file.toString()).readOnly(), dataDir);
        try {
            write(store, out);
        } finally {
            store.close();
        }
    }

    /**
     * Restores a copy into a data directory that holds no ledger yet, and opens it once to prove it whole. Nothing is
     * left behind when the copy is not one.
     */
    public static void restore(InputStream backup, Path dataDir) throws IOException {
        Path target = dataDir.resolve(EmbeddedMongoServer.STORE_FILE);
        if (Files.exists(target)) {
            throw new IllegalArgumentException("There is a ledger at " + dataDir.toAbsolutePath().normalize()
                    + " already: restore into a new --ledger.data-dir, or move that one away first");
        }
        Files.createDirectories(dataDir);
        Path partial = dataDir.resolve(EmbeddedMongoServer.STORE_FILE + ".restoring");
        try (ZipInputStream zip = new ZipInputStream(backup)) {
            ZipEntry entry = zip.getNextEntry();
            if (entry == null || !entry.getName().endsWith(EmbeddedMongoServer.STORE_FILE)) {
                throw new IllegalArgumentException("is not a ledger backup: it should be a zip holding "
                        + EmbeddedMongoServer.STORE_FILE);
            }
            Files.copy(zip, partial, StandardCopyOption.REPLACE_EXISTING);
            new MVStore.Builder().fileName(partial.toString()).readOnly().open().close();
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (MVStoreException e) {
            throw new IllegalArgumentException("is not a whole ledger store: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
