package cn.incubation.embeddedmongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;

import java.util.List;

/**
 * A unique index of the embedded server that finds the key of a document with one plain field cheaply.
 * <p>
 * Stock, an insert works out a document's key for every index three times (a check before the insert, a check again
 * inside the insert, then the insert itself), each time through a path parser with regular expressions, streams and
 * maps, and looks the key up twice before it stores it, which was most of the server's time for an insert into a
 * collection with unique indexes. Here,
 * when the index has a single top-level field and the document holds a string, a number or an ObjectId there (every
 * index of the event store, and every {@code _id}), the key is read straight from the field, normalised as the server
 * normalises it (once: the key worked out for the check is kept for the insert that follows it), checked once before
 * the insert and stored with one put-if-absent. Any other index or value (nested
 * paths, arrays, compound or sparse indexes, missing fields) takes the stock path unchanged.
 */
abstract class SingleFieldUniqueIndex<P> extends AbstractUniqueIndex<P> {

    /** The indexed field, or null if the index is not a single plain field. */
    private final String field;
    /** The document {@link #checkAdd} last passed, and its key: the server adds a document right after checking it. */
    private Document checked;
    private KeyValue checkedKey;

    SingleFieldUniqueIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        String key = keys.size() == 1 ? keys.get(0).getKey() : null;
        boolean plain = key != null && !key.isEmpty() && key.indexOf('.') < 0 && !key.startsWith("$");
        this.field = plain && !sparse ? key : null;
    }

    /**
     * The document's key in this index, normalised as {@code Index#getKeyValues} does it, or null when the stock path
     * must decide.
     */
    private KeyValue simpleKey(Document document) {
        if (field == null) {
            return null;
        }
        Object value = document.get(field);
        if (value instanceof String || value instanceof ObjectId) {
            return new KeyValue(value);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Double) {
            return new KeyValue(normalize((Number) value));
        }
        return null;
    }

    /** As the server's {@code Utils.normalizeValue} for these number types: doubles, but for longs beyond them. */
    static Object normalize(Number value) {
        if (value instanceof Long longValue && longValue != (long) longValue.doubleValue()) {
            return longValue;
        }
        double doubleValue = value.doubleValue();
        if (doubleValue == -0.0) {
            doubleValue = 0.0;
        }
        return doubleValue;
    }

    @Override
    public synchronized void checkAdd(Document document, MongoCollection<P> collection) {
        KeyValue key = simpleKey(document);
        checked = null;
        checkedKey = null;
        if (key == null) {
            super.checkAdd(document, collection);
        } else if (containsKey(key)) {
            throw duplicate(document, collection);
        } else {
            checked = document;
            checkedKey = key;
        }
    }

    @Override
    public synchronized void add(Document document, P position, MongoCollection<P> collection) {
        KeyValue key = document == checked ? checkedKey : simpleKey(document);
        checked = null;
        checkedKey = null;
        if (key == null) {
            super.add(document, position, collection);
        } else if (!putKeyPosition(key, position)) {
            // Stock, the check inside add() throws this before anything is stored; a failed put stores nothing either.
            throw duplicate(document, collection);
        }
    }

    /** The stock error, which names the key as the document holds it (before normalisation). */
    private DuplicateKeyError duplicate(Document document, MongoCollection<P> collection) {
        return new DuplicateKeyError(this, collection, getKeys(), new KeyValue(document.get(field)));
    }
}
