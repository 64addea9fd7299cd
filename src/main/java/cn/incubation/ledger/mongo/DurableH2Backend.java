package cn.incubation.ledger.mongo;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import java.util.Set;
import java.util.TreeSet;

/**
 * The embedded server's H2 backend, changed to commit its store before it answers a write.
 * <p>
 * Stock, the backend acknowledges writes that live only in memory until the store's background commit a second
 * later, so a process killed in that second loses acknowledged events. Committing first makes an acknowledged write
 * survive the death of the process (the data is in the file, even if the OS has not yet flushed it to the disk).
 */
class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITE_COMMANDS = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        WRITE_COMMANDS.addAll(Set.of("insert", "update", "delete", "findAndModify", "createIndexes", "dropIndexes",
                                     "drop", "dropDatabase", "create", "renameCollection"));
    }

    private final MVStore store;
    private final boolean sync;

    DurableH2Backend(MVStore store, boolean sync) {
        super(store);
        this.store = store;
        this.sync = sync;
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        Document response = super.handleCommand(channel, database, command, query);
        if (WRITE_COMMANDS.contains(command)) {
            // commit() is synchronized inside MVStore: concurrent writers share one chunk write when they overlap.
            store.commit();
            if (sync) {
                store.sync();
            }
        }
        return response;
    }
}
