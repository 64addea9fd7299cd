package cn.incubation.embeddedmongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Documents in the H2 store as BSON ({@link BsonDocumentType}): every value type the driver sends comes back as it
 * went in, and a store written by the stock backend (Java serialization) opens and reads as before.
 */
class BsonDocumentTypeTest {

    @TempDir
    Path dataDir;

    /** One document with every BSON type the ledger or a client could store, nested and in arrays. */
    private static Document everyType(long id) {
        Document nested = new Document("s", "嵌套").append("i", 7).append("list", List.of(1L, "two", 3.5));
        return new Document("_id", id)
                .append("string", "孵化器 incubator")
                .append("int", 42)
                .append("long", 1L << 40)
                .append("double", -0.25)
                .append("boolean", true)
                .append("null", null)
                .append("date", Date.from(Instant.parse("2024-06-30T12:00:00.123Z")))
                .append("objectId", new ObjectId("65a1b2c3d4e5f60718293a4b"))
                .append("uuid", UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"))
                .append("binary", new Binary(new byte[] {0, 1, 2, (byte) 0xff}))
                .append("decimal", new Decimal128(new BigDecimal("12345.6789")))
                .append("timestamp", new BsonTimestamp(1_700_000_000, 3))
                .append("nested", nested)
                .append("array", List.of(nested, List.of(), 5));
    }

    @Test
    void everyValueTypeComesBackAsItWentInAndAfterARestart() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoServer.Backend.H2, dataDir.resolve("store.mv"), 0, false);
             MongoClient client = client(server.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("db").getCollection("things");
            for (long i = 1; i <= 300; i++) {
                things.insertOne(everyType(i));
            }
            things.updateOne(Filters.eq("_id", 5L), Updates.combine(Updates.inc("int", 1), Updates.set("added", "x")));
            assertThat(things.find(Filters.eq("_id", 4L)).first()).isEqualTo(everyType(4));
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoServer.Backend.H2, dataDir.resolve("store.mv"), 0, false);
             MongoClient client = client(server.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("db").getCollection("things");
            assertThat(things.countDocuments()).isEqualTo(300);
            assertThat(things.find(Filters.eq("_id", 300L)).first()).isEqualTo(everyType(300));
            assertThat(things.find(Filters.eq("_id", 5L)).first())
                    .isEqualTo(everyType(5).append("int", 43).append("added", "x"));
            assertThat(things.find(Filters.eq("string", "孵化器 incubator")).into(new ArrayList<>())).hasSize(300);
        }
    }

    @Test
    void aStoreWrittenByTheStockBackendOpensAndReadsAsBefore() {
        Path file = dataDir.resolve("store.mv");
        MVStore stockStore = new MVStore.Builder().fileName(file.toString()).open();
        MongoServer stock = new MongoServer(new H2Backend(stockStore));
        try {
            String uri = "mongodb://127.0.0.1:" + stock.bind().getPort();
            try (MongoClient client = client(uri)) {
                MongoCollection<Document> things = client.getDatabase("db").getCollection("things");
                for (long i = 1; i <= 200; i++) {
                    things.insertOne(everyType(i));
                }
            }
        } finally {
            stock.shutdownNow();
            stockStore.close();
        }

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoServer.Backend.H2, dataDir.resolve("store.mv"), 0, false);
             MongoClient client = client(server.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("db").getCollection("things");
            assertThat(things.countDocuments()).isEqualTo(200);
            assertThat(things.find(Filters.eq("_id", 17L)).first()).isEqualTo(everyType(17));
            // Old and new values side by side in one map: an update rewrites the document as BSON.
            things.updateOne(Filters.eq("_id", 17L), Updates.set("string", "changed"));
            things.insertOne(everyType(201));
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoServer.Backend.H2, dataDir.resolve("store.mv"), 0, false);
             MongoClient client = client(server.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("db").getCollection("things");
            assertThat(things.find(Filters.eq("_id", 17L)).first()).isEqualTo(everyType(17).append("string", "changed"));
            assertThat(things.find(Filters.eq("_id", 18L)).first()).isEqualTo(everyType(18));
            assertThat(things.find(Filters.eq("_id", 201L)).first()).isEqualTo(everyType(201));
        }
    }

    @Test
    void aValueWrittenWithJavaSerializationIsReadBackAndBsonIsTaggedApart() {
        de.bwaldvogel.mongo.bson.Document document = new de.bwaldvogel.mongo.bson.Document("_id", 1L)
                .append("name", "众创空间").append("list", new ArrayList<>(List.of(1, 2)));
        WriteBuffer stockWritten = new WriteBuffer();
        new ObjectDataType().write(stockWritten, document);
        WriteBuffer bsonWritten = new WriteBuffer();
        BsonDocumentType type = new BsonDocumentType();
        type.write(bsonWritten, document);

        ByteBuffer stock = stockWritten.getBuffer().flip();
        ByteBuffer bson = bsonWritten.getBuffer().flip();
        assertThat(stock.get(0)).isNotEqualTo(BsonDocumentType.BSON);
        assertThat(bson.get(0)).isEqualTo(BsonDocumentType.BSON);
        assertThat(type.read(stock)).isEqualTo(document);
        assertThat(type.read(bson)).isEqualTo(document);
        assertThat(stock.remaining()).isZero();
        assertThat(bson.remaining()).isZero();
    }

    @Test
    void aDocumentLargerThanBsonAllowsIsWrittenTheStockWayAndReadBack() {
        // Updates can grow a document past 16 MB, which the BSON decoder refuses to read.
        de.bwaldvogel.mongo.bson.Document large = new de.bwaldvogel.mongo.bson.Document("_id", 1L)
                .append("text", "孵".repeat(6 * 1024 * 1024));
        WriteBuffer written = new WriteBuffer();
        BsonDocumentType type = new BsonDocumentType();
        type.write(written, large);
        type.write(written, new de.bwaldvogel.mongo.bson.Document("_id", 2L));

        ByteBuffer stored = written.getBuffer().flip();
        assertThat(stored.get(0)).isNotEqualTo(BsonDocumentType.BSON);
        assertThat(type.read(stored)).isEqualTo(large);
        assertThat(stored.get(stored.position())).isEqualTo(BsonDocumentType.BSON);
        assertThat(type.read(stored)).isEqualTo(new de.bwaldvogel.mongo.bson.Document("_id", 2L));
    }

    private static MongoClient client(String uri) {
        return MongoClients.create(com.mongodb.MongoClientSettings.builder()
                                           .applyConnectionString(new com.mongodb.ConnectionString(uri))
                                           .uuidRepresentation(UuidRepresentation.STANDARD).build());
    }
}
