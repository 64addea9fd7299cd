package cn.incubation.embeddedmongo;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.BsonConstants;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The documents of a collection in the H2 store, written as BSON.
 * <p>
 * Stock, a collection's map has no value type, so H2 writes each document with Java serialization, a fresh
 * {@code ObjectOutputStream} and its class descriptors per document, and reads it back the same way, which was most of
 * the embedded server's work in a rebuild of read models. BSON,
 * with the server's own wire codec, is what the server decodes from and encodes to the driver anyway, and it keeps
 * every value type the wire can carry.
 * <p>
 * Documents written the stock way stay readable: each value starts with a tag byte, and {@link #BSON} is a tag that
 * H2's {@link ObjectDataType} never writes (its tags are below 128), so a store written before reads as it was and
 * documents move to BSON as they are written again. A value the codec cannot encode (the server should never store
 * one), or a document larger than the decoder reads back (16 MB; updates can grow one that far), is written the stock
 * way.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    /** The tag before a BSON document: above every tag of {@link ObjectDataType}. */
    static final byte BSON = (byte) 0xB5;
    /** Initial estimate of a document's size in memory, as H2's own estimate for serialized objects starts. */
    private static final int INITIAL_MEMORY = 10_000;
    /**
     * A decoded document takes several times its BSON size in memory (a map entry, a key string and a boxed value per
     * field); the estimate feeds H2's page cache and where it splits pages.
     */
    private static final int MEMORY_PER_BSON_BYTE = 4;
    private static final ThreadLocal<ByteBuf> ENCODING = ThreadLocal.withInitial(() -> Unpooled.buffer(4096));

    private final ObjectDataType stock = new ObjectDataType();
    /** Moving average of the memory estimate, as {@link ObjectDataType} keeps one for serialized objects. */
    private volatile int averageMemory = INITIAL_MEMORY;

    @Override
    public int getMemory(Document document) {
        return averageMemory;
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        ByteBuf bson = ENCODING.get().clear();
        try {
            BsonEncoder.encodeDocument(document, bson);
        } catch (IllegalArgumentException unencodable) {
            stock.write(buffer, document);
            return;
        }
        int size = bson.readableBytes();
        if (size > BsonConstants.MAX_BSON_OBJECT_SIZE) {
            // The server does not stop updates from growing a document past what the BSON decoder reads back.
            ENCODING.remove();
            stock.write(buffer, document);
            return;
        }
        averageMemory = (int) ((size * (long) MEMORY_PER_BSON_BYTE + 15L * averageMemory) / 16);
        buffer.put(BSON);
        buffer.put(bson.array(), bson.arrayOffset() + bson.readerIndex(), size);
        if (bson.capacity() > 1 << 20) {
            // One huge document should not pin its buffer to the thread for good.
            ENCODING.remove();
        }
    }

    @Override
    public Document read(ByteBuffer buffer) {
        int start = buffer.position();
        if (buffer.get(start) != BSON) {
            return (Document) stock.read(buffer);
        }
        int size = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(start + 1);
        ByteBuf bson;
        if (buffer.hasArray()) {
            bson = Unpooled.wrappedBuffer(buffer.array(), buffer.arrayOffset() + start + 1, size);
        } else {
            byte[] copy = new byte[size];
            buffer.get(start + 1, copy);
            bson = Unpooled.wrappedBuffer(copy);
        }
        Document document = BsonDecoder.decodeBson(bson);
        buffer.position(start + 1 + size);
        return document;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
