package cn.incubation.ledger.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.types.Binary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chains the events of an append to their aggregates' previous events: finds each previous hash (in memory, else with
 * one key lookup for the whole append), hashes every attempt of the append, and remembers the hashes of what
 * committed.
 * <p>
 * The memory holds the last hash this engine wrote or read of each of the most recently used aggregates. Its entries
 * are facts that never change (an event that committed is never replaced), so it is right on any number of nodes; a
 * miss costs a lookup through the unique {@code key} field, never a scan. An aggregate's sequence {@code s} is appended
 * only once {@code s - 1} has committed (Axon loads the aggregate first), so the document under {@code s - 1}'s key is
 * the committed event. Where it is missing (a stream with a hole) or has no hash (written before hashing), the event
 * is chained to the zero hash, and verification says which.
 */
final class AppendChain {

    /** Aggregates remembered: an entry is about 200 bytes, so at most some 13 MB. */
    static final int REMEMBERED = 65_536;

    /** One digest per appending thread: looking SHA-256 up again for every append of one event is not free. */
    private static final ThreadLocal<EventHash> HASHERS = ThreadLocal.withInitial(EventHash::new);
    /** Shared by every first event: only ever read (hashed and written out). */
    private static final byte[] ZERO = EventHash.zero();

    private final MongoCollection<Document> events;
    private final Map<String, Last> recent = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Last> eldest) {
            return size() > REMEMBERED;
        }
    };

    private record Last(long sequence, byte[] hash) {
    }

    AppendChain(MongoCollection<Document> events) {
        this.events = events;
    }

    /**
     * The hashes these events chain to that lie outside the append, by key of the previous event: from memory, the
     * rest in one {@code key $in} lookup.
     */
    Map<String, byte[]> previousHashes(List<AppendedEvent> documents) {
        Set<String> inAppend = new HashSet<>();
        for (AppendedEvent document : documents) {
            inAppend.add(document.key);
        }
        Map<String, byte[]> previous = new HashMap<>();
        List<String> missing = new ArrayList<>();
        AppendedEvent before = null;
        for (AppendedEvent document : documents) {
            boolean follows = follows(document, before);
            before = document;
            if (document.sequence == 0 || follows) {
                continue;
            }
            String key = EventSchema.key(document.aggregate, document.sequence - 1);
            if (inAppend.contains(key) || previous.containsKey(key)) {
                continue;
            }
            byte[] remembered = remembered(document.aggregate, document.sequence - 1);
            if (remembered != null) {
                previous.put(key, remembered);
            } else {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            for (Document stored : events.find(Filters.in(EventSchema.KEY, missing))
                                         .projection(new Document(EventSchema.KEY, 1)
                                                             .append(EventSchema.C_HASH, 1))) {
                if (stored.get(EventSchema.C_HASH) instanceof Binary hash) {
                    previous.put(stored.getString(EventSchema.KEY), hash.getData());
                }
            }
        }
        return previous;
    }

    /** Hashes each event for the global indexes and append of this attempt, in the append's order. */
    void hash(List<AppendedEvent> documents, Map<String, byte[]> previous) {
        EventHash hasher = HASHERS.get();
        Map<String, byte[]> inAppend = new HashMap<>();
        AppendedEvent before = null;
        for (AppendedEvent document : documents) {
            byte[] chainedTo = ZERO;
            if (follows(document, before)) {
                chainedTo = before.hash;
            } else if (document.sequence > 0) {
                String key = EventSchema.key(document.aggregate, document.sequence - 1);
                byte[] found = inAppend.containsKey(key) ? inAppend.get(key) : previous.get(key);
                if (found != null) {
                    chainedTo = found;
                }
            }
            document.hash(hasher, chainedTo);
            inAppend.put(document.key, document.hash);
            before = document;
        }
    }

    /** An aggregate's events come one after the other in an append: most find their previous one just before. */
    private static boolean follows(AppendedEvent document, AppendedEvent before) {
        return before != null && before.sequence == document.sequence - 1 && before.aggregate.equals(document.aggregate);
    }

    /** Remembers the last event of each aggregate of an append that committed. */
    void committed(List<AppendedEvent> documents) {
        synchronized (recent) {
            for (int i = 0; i < documents.size(); i++) {
                AppendedEvent document = documents.get(i);
                boolean lastOfAggregate = i == documents.size() - 1
                        || !documents.get(i + 1).aggregate.equals(document.aggregate);
                if (lastOfAggregate) {
                    remember(document.aggregate, document.sequence, document.hash);
                }
            }
        }
    }

    /** Remembers a committed event read from the store (an aggregate being loaded: its next append chains to it). */
    void read(String aggregate, long sequence, Document document) {
        if (document.get(EventSchema.C_HASH) instanceof Binary hash) {
            synchronized (recent) {
                remember(aggregate, sequence, hash.getData());
            }
        }
    }

    private void remember(String aggregate, long sequence, byte[] hash) {
        Last known = recent.get(aggregate);
        if (known == null || known.sequence() < sequence) {
            recent.put(aggregate, new Last(sequence, hash));
        }
    }

    private byte[] remembered(String aggregate, long sequence) {
        synchronized (recent) {
            Last last = recent.get(aggregate);
            return last != null && last.sequence() == sequence ? last.hash() : null;
        }
    }
}
