package cn.incubation.ledger.mongo;

import cn.incubation.embeddedmongo.EmbeddedMongoServer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * Where the ledger keeps its data: {@code ledger.data-dir} and the {@code ledger.embedded.*} settings of the embedded
 * MongoDB server, which runs only when no {@code spring.data.mongodb.uri} is set.
 *
 * @param dataDir  directory for the embedded server's files
 * @param database the MongoDB database that holds events, tokens, sagas and views
 * @param embedded settings of the embedded server
 * @param requireDataDir refuse to start when the data directory does not exist, rather than make it: a mistyped path
 *                       must not open an empty ledger that answers zeros. The command line sets it unless given
 *                       {@code --init} or running the demo.
 */
@ConfigurationProperties("ledger")
public record MongoProperties(@DefaultValue("./data") Path dataDir,
                              @DefaultValue("ledger") String database,
                              @DefaultValue Embedded embedded,
                              @DefaultValue("false") boolean requireDataDir) {

    /**
     * @param backend {@code h2} (files under the data directory) or {@code memory}
     * @param port    port to listen on, 0 for any free one
     * @param fsync   force every commit to the disk, not only to the operating system
     */
    public record Embedded(@DefaultValue("h2") EmbeddedMongoServer.Backend backend,
                           @DefaultValue("0") int port,
                           @DefaultValue("false") boolean fsync) {
    }
}
