package cn.incubation.embeddedmongo;

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
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.oplog.Oplog;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The H2 backend's database with unique indexes whose keys the store can compare directly.
 * <p>
 * Stock, an index map has no key type, so H2 falls back to comparing keys by their Java serialization, serializing
 * both keys anew at every comparison of every lookup and insert, most of the time of an insert into a collection
 * with unique indexes. Here the keys are written element by element and compared in
 * MongoDB's own order ({@link ValueComparator}), and all unique indexes of a collection share one map (see
 * {@link #openOrCreateUniqueIndex}). That map has a name of its own, so indexes stored another way are not misread: an
 * index missing from it is rebuilt from the documents when the database opens.
 */
class OrderedKeyH2Database extends H2Database {

    /** H2Database opens its indexes in its constructor, before a field of this class could be assigned. */
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

    /** Where a collection's meta map keeps the tag of each of its unique indexes. */
    private static final String TAG_PREFIX = "uniqueIndexTag.";

    private final MVStore store;
    /** Namespaces of the collections being dropped, whose index map goes as a whole. */
    private final Set<String> dropping = ConcurrentHashMap.newKeySet();

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
     * which is then written to the collection's meta map too, more work than the insert itself. Drivers rarely ask for
     * the total; only {@code collStats} and {@code dbStats} report it, and they now
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
        return new SizeUntrackedH2Collection(this, collectionName, options, data, metaMap(collectionName),
                                             cursorRegistry);
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

    /**
     * Every unique index of a collection, {@code _id}'s included, lives in one map of the collection, its keys tagged
     * with a number of the index ({@link TaggedKey}). A commit writes the changed pages of every map it touches, each
     * with the path to its root, and records each map's new root: an event, with three unique indexes, touched four
     * maps per append where it now touches two (documents and indexes). The tags are kept in the collection's meta
     * map. Indexes kept the way this class kept them before, one map each, are dropped; the index then opens empty
     * and is rebuilt from the documents, as the server rebuilds any empty index of a collection that has documents.
     */
    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        String previous = getFullCollectionNamespace(collectionName) + "._ordered_index_" + indexName;
        if (store().hasMap(previous)) {
            store().removeMap(previous);
        }
        MVMap<String, Object> meta = metaMap(collectionName);
        Object tag = meta.get(TAG_PREFIX + indexName);
        if (!(tag instanceof Integer)) {
            int highest = 0;
            for (String key : meta.keySet()) {
                if (key.startsWith(TAG_PREFIX) && meta.get(key) instanceof Integer used) {
                    highest = Math.max(highest, used);
                }
            }
            tag = highest + 1;
            meta.put(TAG_PREFIX + indexName, tag);
        }
        return new OrderedUniqueIndex(indexMap(collectionName), (Integer) tag, indexName, keys, sparse);
    }

    private MVMap<TaggedKey, Object> indexMap(String collectionName) {
        return store().openMap(indexMapName(collectionName),
                               new MVMap.Builder<TaggedKey, Object>().keyType(TaggedKeyType.INSTANCE)
                                                                     .valueType(ValueType.INSTANCE));
    }

    /** The collection's meta map, named as {@link H2Database} names it. */
    private MVMap<String, Object> metaMap(String collectionName) {
        return store().openMap("meta." + getFullCollectionNamespace(collectionName));
    }

    private String indexMapName(String collectionName) {
        return getFullCollectionNamespace(collectionName) + "._unique_indexes";
    }

    /**
     * Drops the index's entries and its tag. When the whole collection goes, the map goes at once afterwards
     * ({@link #dropCollection}) instead of entry by entry here.
     */
    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        String collectionName = collection.getCollectionName();
        if (dropping != null && dropping.contains(getFullCollectionNamespace(collectionName))) {
            return;
        }
        if (metaMap(collectionName).remove(TAG_PREFIX + indexName) instanceof Integer tag) {
            MVMap<TaggedKey, Object> map = indexMap(collectionName);
            List<TaggedKey> entries = new ArrayList<>();
            OrderedUniqueIndex.entries(map, tag).forEachRemaining(entries::add);
            entries.forEach(map::remove);
        }
    }

    @Override
    public void dropCollection(String collectionName, Oplog oplog) {
        String namespace = getFullCollectionNamespace(collectionName);
        // Null while H2Database's constructor opens the collections, which drops none.
        Set<String> dropping = this.dropping != null ? this.dropping : ConcurrentHashMap.newKeySet();
        dropping.add(namespace);
        try {
            super.dropCollection(collectionName, oplog);
        } finally {
            dropping.remove(namespace);
        }
        if (store().hasMap(indexMapName(collectionName))) {
            store().removeMap(indexMapName(collectionName));
        }
    }

    /** One unique index: the entries of one tag in the collection's index map. */
    private static final class OrderedUniqueIndex extends SingleFieldUniqueIndex<Object> {

        private final MVMap<TaggedKey, Object> map;
        private final int tag;

        OrderedUniqueIndex(MVMap<TaggedKey, Object> map, int tag, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
            this.tag = tag;
        }

        @Override
        protected Object removeDocument(KeyValue keyValue) {
            return map.remove(new TaggedKey(tag, keyValue));
        }

        @Override
        protected boolean putKeyPosition(KeyValue keyValue, Object position) {
            return map.putIfAbsent(new TaggedKey(tag, keyValue), Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return () -> {
                Cursor<TaggedKey, Object> cursor = entries(map, tag);
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return cursor.hasNext();
                    }

                    @Override
                    public Map.Entry<KeyValue, Object> next() {
                        TaggedKey key = cursor.next();
                        return new AbstractMap.SimpleImmutableEntry<>(key.key(), cursor.getValue());
                    }
                };
            };
        }

        @Override
        protected Object getPosition(KeyValue keyValue) {
            return map.get(new TaggedKey(tag, keyValue));
        }

        /** The entries of one index in the map, in key order. */
        static Cursor<TaggedKey, Object> entries(MVMap<TaggedKey, Object> map, int tag) {
            return map.cursor(TaggedKey.first(tag), TaggedKey.first(tag + 1), false);
        }

        /** The entries between this tag's first possible key and the next tag's, from their places in the map. */
        @Override
        public long getCount() {
            return place(tag + 1) - place(tag);
        }

        private long place(int someTag) {
            long index = map.getKeyIndex(TaggedKey.first(someTag));
            return index < 0 ? -index - 1 : index;
        }

        @Override
        public boolean isEmpty() {
            TaggedKey first = map.ceilingKey(TaggedKey.first(tag));
            return first == null || first.tag() != tag;
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }

    /**
     * A key of one index ({@code tag}) in a collection's index map. It keeps its stored form once it has one: a commit
     * writes every key of each leaf it changed, so a key is written again each time a neighbour is added, and
     * encoding it anew each time was the largest part of a commit that adds one event.
     */
    static final class TaggedKey {

        private final int tag;
        private final KeyValue key;
        /** The key as {@link KeyType} writes it, once written or read. */
        private byte[] stored;

        TaggedKey(int tag, KeyValue key) {
            this.tag = tag;
            this.key = key;
        }

        /** Lower than every key of the tag, to search from; never stored. */
        static TaggedKey first(int tag) {
            return new TaggedKey(tag, null);
        }

        int tag() {
            return tag;
        }

        KeyValue key() {
            return key;
        }

        byte[] stored() {
            if (stored == null) {
                WriteBuffer buffer = new WriteBuffer(64);
                KeyType.INSTANCE.write(buffer, key);
                ByteBuffer written = buffer.getBuffer();
                stored = Arrays.copyOf(written.array(), written.position());
            }
            return stored;
        }
    }

    /** Tagged keys: the tag, then the key as {@link KeyType} writes and orders it. */
    static final class TaggedKeyType extends BasicDataType<TaggedKey> {

        static final TaggedKeyType INSTANCE = new TaggedKeyType();

        @Override
        public int compare(TaggedKey a, TaggedKey b) {
            int order = Integer.compare(a.tag(), b.tag());
            if (order != 0 || a.key() == b.key()) {
                return order;
            }
            if (a.key() == null || b.key() == null) {
                return a.key() == null ? -1 : 1;
            }
            return KeyType.INSTANCE.compare(a.key(), b.key());
        }

        /** The key, its stored form and the two objects that hold them. */
        @Override
        public int getMemory(TaggedKey key) {
            return 48 + 2 * KeyType.INSTANCE.getMemory(key.key());
        }

        @Override
        public void write(WriteBuffer buffer, TaggedKey key) {
            buffer.putVarInt(key.tag()).put(key.stored());
        }

        @Override
        public TaggedKey read(ByteBuffer buffer) {
            int tag = DataUtils.readVarInt(buffer);
            int start = buffer.position();
            TaggedKey key = new TaggedKey(tag, KeyType.INSTANCE.read(buffer));
            if (buffer.hasArray()) {
                key.stored = Arrays.copyOfRange(buffer.array(), buffer.arrayOffset() + start,
                                                buffer.arrayOffset() + buffer.position());
            }
            return key;
        }

        @Override
        public TaggedKey[] createStorage(int size) {
            return new TaggedKey[size];
        }
    }

    /** Index keys as a count followed by each value ({@link ValueType}), ordered as MongoDB orders them. */
    static final class KeyType extends BasicDataType<KeyValue> {

        static final KeyType INSTANCE = new KeyType();

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
                memory += ValueType.INSTANCE.getMemory(value);
            }
            return memory;
        }

        @Override
        public void write(WriteBuffer buffer, KeyValue key) {
            buffer.putVarInt(key.size());
            for (Object value : key) {
                ValueType.INSTANCE.write(buffer, value);
            }
        }

        @Override
        public KeyValue read(ByteBuffer buffer) {
            int size = DataUtils.readVarInt(buffer);
            List<Object> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(ValueType.INSTANCE.read(buffer));
            }
            return new KeyValue(values);
        }

        @Override
        public KeyValue[] createStorage(int size) {
            return new KeyValue[size];
        }
    }

    /**
     * One value of an index: of a key, or the position of a document (its {@code _id}). Strings and ObjectIds are
     * written here, behind tags that H2's {@link ObjectDataType} never writes as a first byte (it uses 0 to 119 in
     * H2 2.3); everything else as {@code ObjectDataType} writes it, so values stored by it read as before.
     * <p>
     * {@code ObjectDataType} writes a string character by character, which made writing index pages the largest cost
     * of a commit that adds one event with string keys. An ObjectId it Java-serializes, and until it has serialized
     * some it guesses each at 10 KB, so pages of ObjectId keys split at one or two keys: with the keys cached once
     * written ({@link TaggedKey}), its guess stopped adapting, and inserts into a collection with ObjectId ids became
     * five times slower. Here the estimate of an ObjectId is its size.
     */
    static final class ValueType extends BasicDataType<Object> {

        static final ValueType INSTANCE = new ValueType();
        private static final byte UTF8 = (byte) 0xB6;
        private static final byte OBJECT_ID = (byte) 0xB7;
        private static final ObjectDataType OTHERS = new ObjectDataType();

        @Override
        public int compare(Object a, Object b) {
            return ValueComparator.asc().compare(a, b);
        }

        @Override
        public int getMemory(Object value) {
            if (value instanceof String string) {
                return 40 + 2 * string.length();
            }
            if (value instanceof ObjectId) {
                return 48;
            }
            return OTHERS.getMemory(value);
        }

        @Override
        public void write(WriteBuffer buffer, Object value) {
            if (value instanceof String string) {
                byte[] bytes = string.getBytes(StandardCharsets.UTF_8);
                buffer.put(UTF8).putVarInt(bytes.length).put(bytes);
            } else if (value instanceof ObjectId id) {
                buffer.put(OBJECT_ID).put(id.toByteArray());
            } else {
                OTHERS.write(buffer, value);
            }
        }

        @Override
        public Object read(ByteBuffer buffer) {
            byte tag = buffer.get(buffer.position());
            if (tag == UTF8) {
                buffer.get();
                byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
                buffer.get(bytes);
                return new String(bytes, StandardCharsets.UTF_8);
            }
            if (tag == OBJECT_ID) {
                buffer.get();
                byte[] bytes = new byte[12];
                buffer.get(bytes);
                return new ObjectId(bytes);
            }
            return OTHERS.read(buffer);
        }

        @Override
        public Object[] createStorage(int size) {
            return new Object[size];
        }
    }
}
