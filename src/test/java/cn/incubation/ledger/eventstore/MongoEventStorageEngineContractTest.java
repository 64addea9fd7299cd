package cn.incubation.ledger.eventstore;

import cn.incubation.ledger.mongo.EmbeddedMongo;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngineTest;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.function.UnaryOperator;

/**
 * Axon's own storage-engine contract ({@code BatchingEventStorageEngineTest}, which brings
 * {@code AbstractEventStorageEngineTest} and {@code EventStorageEngineTest}), unmodified, run against the MongoDB
 * engine on the embedded server.
 */
class MongoEventStorageEngineContractTest
        extends BatchingEventStorageEngineTest<MongoEventStorageEngine, MongoEventStorageEngine.Builder> {

    private MongoDatabase database;

    @BeforeEach
    void setUp() {
        database = EmbeddedMongo.freshDatabase();
        setTestSubject(createEngine());
    }

    @AfterEach
    void dropDatabase() {
        database.drop();
    }

    @Override
    protected MongoEventStorageEngine createEngine(UnaryOperator<MongoEventStorageEngine.Builder> customization) {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        MongoEventStorageEngine.Builder builder = MongoEventStorageEngine.builder()
                                                                         .database(database)
                                                                         .eventSerializer(serializer)
                                                                         .snapshotSerializer(serializer)
                                                                         .indexAllocation(indexAllocation());
        return customization.apply(builder).build();
    }

    MongoEventStorageEngine.IndexAllocation indexAllocation() {
        return MongoEventStorageEngine.IndexAllocation.SHARED_COUNTER;
    }
}
