package cn.incubation.embeddedmongo;

import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Copies of an H2 store, as a zip holding its one file, made by H2's own online backup: while it copies, the store
 * writes only past the end of the file, so the copy is the store as of its last whole commit (the state a crash at
 * that moment leaves).
 */
public final class StoreCopies {

    private StoreCopies() {
    }

    /** Writes the copy of a running server's store; a server in memory has none. */
    public static void copyRunning(EmbeddedMongoServer server, OutputStream out) throws IOException {
        if (server.store() == null) {
            throw new IllegalStateException("the server keeps its data in memory: there is no store to copy");
        }
        write(server.store(), out);
    }

    /** Writes the copy of a store no server runs on; {@link StoreLockedException} while one does. */
    public static void copyStopped(Path storeFile, OutputStream out) throws IOException {
        if (!Files.isRegularFile(storeFile)) {
            throw new NoSuchFileException(storeFile.toString());
        }
        MVStore store = EmbeddedMongoServer.open(new MVStore.Builder().fileName(storeFile.toString()).readOnly(),
                                                 storeFile);
        try {
            write(store, out);
        } finally {
            store.close();
        }
    }

    private static void write(MVStore store, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        store.getFileStore().backup(zip);
        zip.finish();
    }

    /**
     * Restores a copy as {@code storeFile}, which must not exist yet, and opens it once to prove it whole. Nothing is
     * left behind when the copy is not one ({@link IllegalArgumentException} says why).
     */
    public static void restore(InputStream copy, Path storeFile) throws IOException {
        if (Files.exists(storeFile)) {
            throw new FileAlreadyExistsException(storeFile.toString());
        }
        Files.createDirectories(storeFile.toAbsolutePath().getParent());
        String name = storeFile.getFileName().toString();
        Path partial = storeFile.resolveSibling(name + ".restoring");
        try (ZipInputStream zip = new ZipInputStream(copy)) {
            ZipEntry entry = zip.getNextEntry();
            if (entry == null || !entry.getName().endsWith(name)) {
                throw new IllegalArgumentException("it should be a zip holding " + name);
            }
            Files.copy(zip, partial, StandardCopyOption.REPLACE_EXISTING);
            new MVStore.Builder().fileName(partial.toString()).readOnly().open().close();
            Files.move(partial, storeFile, StandardCopyOption.ATOMIC_MOVE);
        } catch (MVStoreException e) {
            throw new IllegalArgumentException("it is not a whole store: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
