package cn.incubation.ledger.mongo;

import cn.incubation.embeddedmongo.EmbeddedMongoServer;
import cn.incubation.embeddedmongo.StoreLockedException;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

import java.nio.file.Path;

/**
 * Connects the ledger to MongoDB: the one given by {@code spring.data.mongodb.uri} (or {@code LEDGER_MONGODB_URI}),
 * or else an embedded server started here.
 */
@Configuration(proxyBeanMethods = false)
class MongoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MongoConfiguration.class);

    @Bean(destroyMethod = "close")
    MongoConnection mongoConnection(@Value("${spring.data.mongodb.uri:}") String uri, MongoProperties properties) {
        if (StringUtils.hasText(uri)) {
            log.info("Using the MongoDB at {}", new ConnectionString(uri).getHosts());
            return new MongoConnection(uri, null);
        }
        MongoProperties.Embedded embedded = properties.embedded();
        Path dataDir = properties.dataDir().toAbsolutePath().normalize();
        try {
            EmbeddedMongoServer server = EmbeddedMongoServer.start(embedded.backend(), LedgerStore.file(dataDir),
                                                                   embedded.port(), embedded.fsync());
            return new MongoConnection(server.connectionString(), server);
        } catch (StoreLockedException e) {
            throw DataDirectoryException.locked(dataDir, e);
        }
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(MongoConnection connection) {
        ConnectionString connectionString = new ConnectionString(connection.uri());
        MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(connectionString);
        if (connectionString.getWriteConcern() == null) {
            // An acknowledged event must survive the loss of the primary.
            settings.writeConcern(connection.embedded() ? WriteConcern.ACKNOWLEDGED : WriteConcern.MAJORITY);
        }
        return MongoClients.create(settings.build());
    }

    @Bean
    MongoDatabase mongoDatabase(MongoClient client, MongoConnection connection, MongoProperties properties) {
        String database = new ConnectionString(connection.uri()).getDatabase();
        return client.getDatabase(database != null ? database : properties.database());
    }

    @Bean
    StoreBackup storeBackup(MongoConnection connection, MongoProperties properties) {
        return new StoreBackup(connection.server(),
                               properties.embedded().backend() == EmbeddedMongoServer.Backend.MEMORY);
    }

    @Bean
    HealthIndicator mongoHealthIndicator(MongoDatabase database) {
        return new AbstractHealthIndicator("MongoDB health check failed") {
            @Override
            protected void doHealthCheck(Health.Builder builder) {
                database.runCommand(new org.bson.Document("ping", 1));
                builder.up().withDetail("database", database.getName());
            }
        };
    }

    /** The URI the ledger connects to, and the embedded server behind it if there is one. */
    record MongoConnection(String uri, EmbeddedMongoServer server) implements AutoCloseable {

        boolean embedded() {
            return server != null;
        }

        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }
}
