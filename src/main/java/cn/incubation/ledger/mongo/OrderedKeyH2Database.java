package cn.incubation.ledger.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The H2 backend's database with unique indexes whose keys the store can compare directly.
 * <p>
 * Stock, an index map has no key type, so H2 falls back to comparing keys by their Java serialization, serializing
 * both keys anew at every comparison of every lookup and insert: measured, about 85% of the time of an insert into the
 * event store, which keeps three unique indexes. Here the keys are written element by element and compared in
 * MongoDB's own order ({@link ValueComparator}). The maps carry a name of their own, so indexes stored the old way
 * are not misread: a missing map is rebuilt from the documents when the database opens.
 */
class OrderedKeyH2Database extends H2Database {

    /** H2Database opens its indexes in its constructor, before a field of this class could be assigned. */
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

    private final MVStore store;

    private OrderedKeyH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
        super(databaseName, store, cursorRegistry);
        this.store = store;
    }

    static OrderedKeyH2Database open(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
        OPENING.set(store);
        try {
            return new OrderedKeyH2Database(databaseName, store, cursorRegistry);
        } finally {
            OPENING.remove();
        }
    }

    private MVStore store() {
        return store != null ? store : OPENING.get();
    }

    /**
     * The stock collection, except that it does not keep the collection's data size. Stock, every insert, update and
     * delete encodes the whole document to BSON once more (an update twice) only to add its size to a running total,
     * which is then written to the collection's meta map too: profiled, more than half of the server's time for an
     * insert. The ledger never asks for the total; only {@code collStats} and {@code dbStats} report it, and they now
     * give the size a collection had when a server that kept it last wrote it (zero for new collections).
     * <p>
     * The two maps are named as {@link H2Database} names them ({@code databases.} and {@code meta.} before the
     * collection's namespace), so existing collections open as before. The documents are written as BSON
     * ({@link BsonDocumentType}), and those written the stock way are still read.
     */
    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String namespace = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> data = store().openMap("databases." + namespace,
                                                       new MVMap.Builder<Object, Document>()
                                                               .valueType(new BsonDocumentType()));
        MVMap<String, Object> meta = store().openMap("meta." + namespace);
        return new SizeUntrackedH2Collection(this, collectionName, options, data, meta, cursorRegistry);
    }

    /** See {@link #openOrCreateCollection}. */
    private static final class SizeUntrackedH2Collection extends H2Collection {

        SizeUntrackedH2Collection(de.bwaldvogel.mongo.MongoDatabase database, String collectionName,
                                  CollectionOptions options, MVMap<Object, Document> data,
                                  MVMap<String, Object> meta, CursorRegistry cursorRegistry) {
            super(database, collectionName, options, data, meta, cursorRegistry);
        }

        @Override
        protected boolean tracksDataSize() {
            return false;
        }
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        MVMap<KeyValue, Object> map = store().openMap(mapName(collectionName, indexName),
                                                    new MVMap.Builder<KeyValue, Object>().keyType(KeyType.INSTANCE));
        return new OrderedUniqueIndex(map, indexName, keys, sparse);
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        store().removeMap(mapName(collection.getCollectionName(), indexName));
    }

    private String mapName(String collectionName, String indexName) {
        return getFullCollectionNamespace(collectionName) + "._ordered_index_" + indexName;
    }

    /** A unique index kept in an MVStore map with ordered keys. */
    private static final class OrderedUniqueIndex extends SingleFieldUniqueIndex<Object> {

        private final MVMap<KeyValue, Object> map;

        OrderedUniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
        }

        @Override
        protected Object removeDocument(KeyValue keyValue) {
            return map.remove(keyValue);
        }

        @Override
        protected boolean putKeyPosition(KeyValue keyValue, Object position) {
            return map.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue keyValue) {
            return map.get(keyValue);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }

    /** Index keys as a count followed by each value in H2's own encoding, ordered as MongoDB orders them. */
    static final class KeyType extends BasicDataType<KeyValue> {

        static final KeyType INSTANCE = new KeyType();
        private static final ObjectDataType VALUES = new ObjectDataType();

        @Override
        public int compare(KeyValue a, KeyValue b) {
            int common = Math.min(a.size(), b.size());
            for (int i = 0; i < common; i++) {
                Object x = a.get(i);
                Object y = b.get(i);
                // Two strings compare as ValueComparator compares them, without its walk through the type order.
                int order = x instanceof String s && y instanceof String t ? s.compareTo(t)
                        : ValueComparator.asc().compare(x, y);
                if (order != 0) {
                    return order;
                }
            }
            return Integer.compare(a.size(), b.size());
        }

        @Override
        public int getMemory(KeyValue key) {
            int memory = 24;
            for (Object value : key) {
                memory += VALUES.getMemory(value);
            }
            return memory;
        }

        @Override
        public void write(WriteBuffer buffer, KeyValue key) {
            buffer.putVarInt(key.size());
            for (Object value : key) {
                VALUES.write(buffer, value);
            }
        }

        @Override
        public KeyValue read(ByteBuffer buffer) {
            int size = DataUtils.readVarInt(buffer);
            List<Object> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(VALUES.read(buffer));
            }
            return new KeyValue(values);
        }

        @Override
        public KeyValue[] createStorage(int size) {
            return new KeyValue[size];
        }
    }
}
