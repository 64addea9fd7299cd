package cn.incubation.ledger.mongo;

import cn.incubation.embeddedmongo.EmbeddedMongoServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import java.util.UUID;

/**
 * One embedded in-memory MongoDB server for the whole test JVM, reached over TCP with the real driver. Each caller of
 * {@link #freshDatabase()} gets a database of its own, so tests never see each other's data.
 */
public final class EmbeddedMongo {

    private static EmbeddedMongoServer server;
    private static MongoClient client;

    private EmbeddedMongo() {
    }

    public static synchronized MongoClient client() {
        if (client == null) {
            server = EmbeddedMongoServer.start(EmbeddedMongoServer.Backend.MEMORY, null, 0, false);
            client = MongoClients.create(server.connectionString());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                client.close();
                server.close();
            }));
        }
        return client;
    }

    public static MongoDatabase freshDatabase() {
        return client().getDatabase("test-" + UUID.randomUUID().toString().substring(0, 8));
    }
}
