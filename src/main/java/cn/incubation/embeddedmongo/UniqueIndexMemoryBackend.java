package cn.incubation.embeddedmongo;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded server's in-memory backend with the unique indexes of {@link SingleFieldUniqueIndex}, which work out a
 * document's key once instead of three times, and collections that do not keep their data size (see
 * {@link OrderedKeyH2Database#openOrCreateCollection}). Otherwise the stock {@link MemoryBackend}.
 */
class UniqueIndexMemoryBackend extends MemoryBackend {

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new MemoryDatabase(databaseName, getCursorRegistry()) {
            @Override
            protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
                return new MemoryCollection(this, collectionName, options, cursorRegistry) {
                    /** As in {@link OrderedKeyH2Database#openOrCreateCollection}: no one asks for it. */
                    @Override
                    protected boolean tracksDataSize() {
                        return false;
                    }
                };
            }

            @Override
            protected Index<Integer> openOrCreateUniqueIndex(String collectionName, String indexName,
                                                             List<IndexKey> keys, boolean sparse) {
                return new HashUniqueIndex(indexName, keys, sparse);
            }
        };
    }

    /** As the stock {@code MemoryUniqueIndex}: a hash map from key to the document's position. */
    private static final class HashUniqueIndex extends SingleFieldUniqueIndex<Integer> {

        private final Map<KeyValue, Integer> index = new ConcurrentHashMap<>();

        HashUniqueIndex(String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
        }

        @Override
        public long getCount() {
            return index.size();
        }

        @Override
        public boolean isEmpty() {
            return index.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }

        @Override
        protected Integer removeDocument(KeyValue keyValue) {
            return index.remove(keyValue);
        }

        @Override
        protected boolean putKeyPosition(KeyValue keyValue, Integer position) {
            return index.putIfAbsent(keyValue, position) == null;
        }

        @Override
        protected Integer getPosition(KeyValue keyValue) {
            return index.get(keyValue);
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Integer>> getIterable() {
            return index.entrySet();
        }
    }
}
