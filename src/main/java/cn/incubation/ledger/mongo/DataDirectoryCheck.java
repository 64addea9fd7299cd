package cn.incubation.ledger.mongo;

import cn.incubation.embeddedmongo.EmbeddedMongoServer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Refuses a data directory that cannot be used before anything starts, so the person who typed it reads one sentence
 * instead of a server that came up and went down: a missing one when {@code ledger.require-data-dir} is set, and one
 * whose store another process holds. {@link MongoConfiguration} still maps a lock met later.
 */
class DataDirectoryCheck implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (StringUtils.hasText(environment.getProperty("spring.data.mongodb.uri"))) {
            return;
        }
        MongoProperties properties = Binder.get(environment).bindOrCreate("ledger", Bindable.of(MongoProperties.class));
        if (properties.embedded().backend() != EmbeddedMongoServer.Backend.H2) {
            return;
        }
        Path dir = properties.dataDir().toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            if (properties.requireDataDir()) {
                throw DataDirectoryException.missing(dir);
            }
            return;
        }
        Path file = LedgerStore.file(dir);
        if (Files.isRegularFile(file) && heldElsewhere(file)) {
            throw DataDirectoryException.locked(dir, null);
        }
    }

    /** H2 locks the whole store file while open; a lock this process cannot take is someone else's. */
    private static boolean heldElsewhere(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException inThisProcess) {
            return true;
        } catch (IOException unreadable) {
            // Not ours to judge here: the store's own open reports it with its cause.
            return false;
        }
    }
}
