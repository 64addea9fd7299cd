package cn.incubation.ledger.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.types.Binary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

import static cn.incubation.ledger.eventstore.EventSchema.C_APPEND;
import static cn.incubation.ledger.eventstore.EventSchema.C_FINGERPRINTS;
import static cn.incubation.ledger.eventstore.EventSchema.C_HASH;
import static cn.incubation.ledger.eventstore.EventSchema.C_META_DATA;
import static cn.incubation.ledger.eventstore.EventSchema.C_PAYLOAD;
import static cn.incubation.ledger.eventstore.EventSchema.C_PAYLOAD_REVISION;
import static cn.incubation.ledger.eventstore.EventSchema.C_PAYLOAD_TYPE;
import static cn.incubation.ledger.eventstore.EventSchema.C_PREVIOUS_HASH;
import static cn.incubation.ledger.eventstore.EventSchema.C_RANGE;
import static cn.incubation.ledger.eventstore.EventSchema.C_TIMESTAMP;
import static cn.incubation.ledger.eventstore.EventSchema.C_TYPE;
import static cn.incubation.ledger.eventstore.EventSchema.EVENT_IDENTIFIER;
import static cn.incubation.ledger.eventstore.EventSchema.ID;
import static cn.incubation.ledger.eventstore.EventSchema.KEY;

/**
 * Reads the events collection in global-index order for verification, a window at a time, by key lookups only
 * ({@code _id $in [from … to]}, and one more {@code $in} for commit documents beyond the window), the way the
 * tracking fetch does: the embedded server would answer a sort or a range with a scan of the whole collection.
 * Documents are taken as they are, whatever an editor of the store made of them.
 */
public final class EventScan {

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> counters;

    public EventScan(MongoDatabase database) {
        this.events = database.getCollection("events");
        this.counters = database.getCollection("counters");
    }

    /** The counter of global indexes handed out, as stored (with a single writer it may lag the head). */
    public long counter() {
        Document counter = counters.find(Filters.eq(ID, EventSchema.COUNTER_ID)).first();
        return counter != null && counter.get(EventSchema.COUNTER_VALUE) instanceof Number value
                ? value.longValue() : 0;
    }

    /** The first global index written with a hash, as the first engine with hashing noted it. */
    public OptionalLong hashedFrom() {
        Document format = counters.find(Filters.eq(ID, EventSchema.FORMAT_ID)).first();
        return format != null && format.get(EventSchema.HASHED_FROM) instanceof Number from
                ? OptionalLong.of(from.longValue()) : OptionalLong.empty();
    }

    /** Every document at the global indexes {@code from … to}, in index order; indexes without one are left out. */
    public List<StoredEntry> read(long from, long to) {
        List<Long> ids = new ArrayList<>((int) (to - from + 1));
        for (long id = from; id <= to; id++) {
            ids.add(id);
        }
        Map<Long, Document> byIndex = new TreeMap<>();
        for (Document document : events.find(Filters.in(ID, ids))) {
            if (document.get(ID) instanceof Long index) {
                byIndex.put(index, document);
            }
        }
        Map<Long, Document> commits = commitDocuments(byIndex);
        List<StoredEntry> entries = new ArrayList<>(byIndex.size());
        byIndex.forEach((index, document) -> entries.add(entry(index, document, commits)));
        return entries;
    }

    /** Which of these global indexes hold a document now. */
    public Set<Long> present(Collection<Long> globalIndexes) {
        Set<Long> present = new HashSet<>();
        for (Document document : events.find(Filters.in(ID, new ArrayList<>(globalIndexes)))
                                       .projection(new Document(ID, 1))) {
            if (document.get(ID) instanceof Long index) {
                present.add(index);
            }
        }
        return present;
    }

    /** The documents at the last index of each append in the window: those in it, and the others in one lookup. */
    private Map<Long, Document> commitDocuments(Map<Long, Document> byIndex) {
        Map<Long, Document> commits = new HashMap<>(byIndex);
        Set<Long> lookups = new HashSet<>();
        for (Document document : byIndex.values()) {
            Long last = lastOrNull(document);
            if (last != null && !commits.containsKey(last)) {
                lookups.add(last);
            }
        }
        if (!lookups.isEmpty()) {
            for (Document commit : events.find(Filters.in(ID, new ArrayList<>(lookups)))
                                         .projection(EventSchema.STATE_FIELDS)) {
                if (commit.get(ID) instanceof Long index) {
                    commits.put(index, commit);
                }
            }
        }
        return commits;
    }

    private static Long lastOrNull(Document document) {
        if (EventSchema.isTombstone(document)) {
            return null;
        }
        try {
            return EventSchema.lastOf(document);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static StoredEntry entry(long index, Document document, Map<Long, Document> commits) {
        if (EventSchema.isTombstone(document)) {
            return StoredEntry.tombstone(index);
        }
        String aggregate = null;
        long sequence = -1;
        try {
            if (document.get(KEY) instanceof String key && key.lastIndexOf('#') > 0) {
                aggregate = key.substring(0, key.lastIndexOf('#'));
                sequence = Long.parseLong(key.substring(key.lastIndexOf('#') + 1));
            }
            if (document.containsKey(C_PAYLOAD)) {
                return compact(index, document, aggregate, sequence, outcome(document, commits));
            }
            return StoredEntry.malformed(index, "neither an event nor a tombstone", aggregate, sequence);
        } catch (Malformed | RuntimeException e) {
            return StoredEntry.malformed(index, e.getMessage(), aggregate, sequence);
        }
    }

    private static StoredEntry compact(long index, Document document, String aggregate, long sequence,
                                       StoredEntry.Outcome outcome) throws Malformed {
        if (aggregate == null || sequence < 0) {
            throw new Malformed("key is not \"<aggregate>#<sequence>\"");
        }
        byte[] hash = null;
        byte[] previousHash = null;
        long fingerprints = 0;
        if (document.containsKey(C_HASH) || document.containsKey(C_PREVIOUS_HASH)) {
            hash = hash(document, C_HASH);
            previousHash = hash(document, C_PREVIOUS_HASH);
            fingerprints = required(document, C_FINGERPRINTS, Long.class);
        }
        return new StoredEntry(index, StoredEntry.Kind.EVENT, null, aggregate, sequence,
                               required(document, EVENT_IDENTIFIER, String.class),
                               optional(document, C_TYPE, String.class),
                               required(document, C_TIMESTAMP, Long.class),
                               required(document, C_PAYLOAD_TYPE, String.class),
                               optional(document, C_PAYLOAD_REVISION, String.class),
                               required(document, C_PAYLOAD, Binary.class).getData(),
                               required(document, C_META_DATA, Binary.class).getData(),
                               required(document, C_APPEND, Long.class),
                               required(document, C_RANGE, Long.class),
                               hash, previousHash, fingerprints, outcome);
    }

    private static StoredEntry.Outcome outcome(Document document, Map<Long, Document> commits) {
        Long append = EventSchema.appendOf(document);
        Long last = lastOrNull(document);
        if (append == null || last == null) {
            return StoredEntry.Outcome.ABORTED;
        }
        return switch (AppendSettler.stateFromCommitDocument(append, commits.get(last))) {
            case COMMITTED -> StoredEntry.Outcome.COMMITTED;
            case PENDING -> StoredEntry.Outcome.PENDING;
            case ABORTED -> StoredEntry.Outcome.ABORTED;
        };
    }

    private static byte[] hash(Document document, String field) throws Malformed {
        byte[] hash = required(document, field, Binary.class).getData();
        if (hash.length != EventHash.LENGTH) {
            throw new Malformed(field + " is not a " + EventHash.LENGTH + "-byte hash");
        }
        return hash;
    }

    private static <T> T required(Document document, String field, Class<T> type) throws Malformed {
        T value = optional(document, field, type);
        if (value == null) {
            throw new Malformed(field + " is missing");
        }
        return value;
    }

    private static <T> T optional(Document document, String field, Class<T> type) throws Malformed {
        Object value = document.get(field);
        if (value != null && !type.isInstance(value)) {
            throw new Malformed(field + " is not a " + type.getSimpleName().toLowerCase());
        }
        return type.cast(value);
    }

    private static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
