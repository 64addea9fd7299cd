package cn.incubation.ledger.directory.projection;

import cn.incubation.ledger.projector.ProjectionBatch;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The index of company and team names by their beginnings, one document per beginning ({@code _id} = the first
 * characters of a {@link NameKey}), each with the number of tenants whose names begin so ({@code n}) and their
 * entries ({@code e}: key and tenant id), ordered by key.
 * <p>
 * A document keeps every entry until it would hold more than {@link #KEPT}; then it <em>splits</em> ({@code s}): each
 * of its entries goes on to the document one character longer, it keeps only its first {@link #KEPT} entries from then
 * on, and every later name that begins so goes on to the longer document too. Names stop at the first document that
 * has not split, so a name is written to a few documents, not one per character, and no document holds more than
 * {@code KEPT} entries. A search for a beginning reads its own document, or the longest shorter one, which then has
 * not split and holds every name that begins with it.
 * <p>
 * Kept by the directory projection's handler (one writer, one segment), which loads each document once and writes it
 * whole.
 */
final class NameIndex {

    /** Entries a document keeps at most: the first this many names by key can be paged through. */
    static final int KEPT = 1_000;
    /** Between an entry's key and its tenant id; names hold no control characters. */
    static final char UNIT = '\u001F';
    /** Between entries in the stored text. */
    static final char RECORD = '\u001E';

    /** One beginning's document as the handler holds it. */
    static final class Prefix {
        long tenants;
        boolean split;
        /** Sorted; every entry while not split, else the first {@code KEPT}. */
        final List<String> entries = new ArrayList<>();
    }

    private final int kept;
    private final Map<String, Prefix> prefixes = new HashMap<>();
    /** Reads a stored document, or is null when the handler has written everything there is. */
    private final Function<String, Document> stored;

    NameIndex(int kept, Function<String, Document> stored) {
        this.kept = kept;
        this.stored = stored;
    }

    /**
     * Adds a tenant's name under its key. {@code counted} says for which beginnings the tenant is counted already (by
     * another of its names), so that each document counts tenants, not names.
     */
    void add(String tenantId, String key, Predicate<String> counted, ProjectionBatch batch) {
        String entry = key + UNIT + tenantId;
        int length = NameKey.length(key);
        for (int l = 1; l <= length; l++) {
            String beginning = NameKey.prefix(key, l);
            Prefix prefix = load(beginning);
            boolean wasSplit = prefix.split;
            prefix.tenants += counted.test(beginning) ? 0 : 1;
            put(beginning, prefix, entry, batch);
            if (!wasSplit) {
                // It holds the entry, or split just now and passed it on with the others.
                return;
            }
        }
    }

    private void put(String beginning, Prefix prefix, String entry, ProjectionBatch batch) {
        int at = Collections.binarySearch(prefix.entries, entry);
        if (at < 0) {
            at = -at - 1;
            if (!prefix.split) {
                prefix.entries.add(at, entry);
                if (prefix.entries.size() > kept) {
                    split(beginning, prefix, batch);
                }
            } else if (at < kept) {
                prefix.entries.add(at, entry);
                prefix.entries.remove(prefix.entries.size() - 1);
            }
        }
        write(beginning, prefix, batch);
    }

    /** Passes every entry longer than the beginning on to the document one character longer. */
    private void split(String beginning, Prefix prefix, ProjectionBatch batch) {
        prefix.split = true;
        int length = NameKey.length(beginning);
        Map<String, List<String>> children = new LinkedHashMap<>();
        for (String entry : prefix.entries) {
            String key = keyOf(entry);
            if (NameKey.length(key) > length) {
                children.computeIfAbsent(NameKey.prefix(key, length + 1), c -> new ArrayList<>()).add(entry);
            }
        }
        prefix.entries.subList(kept, prefix.entries.size()).clear();
        children.forEach((child, entries) -> {
            // A document that has not split holds every name that begins with it, so the longer ones are new.
            Prefix longer = load(child);
            Set<String> tenants = new HashSet<>();
            longer.entries.forEach(e -> tenants.add(tenantOf(e)));
            int before = tenants.size();
            for (String entry : entries) {
                int at = Collections.binarySearch(longer.entries, entry);
                if (at < 0) {
                    longer.entries.add(-at - 1, entry);
                    tenants.add(tenantOf(entry));
                }
            }
            longer.tenants += tenants.size() - before;
            if (longer.entries.size() > kept) {
                split(child, longer, batch);
            }
            write(child, longer, batch);
        });
    }

    private void write(String beginning, Prefix prefix, ProjectionBatch batch) {
        batch.document(DirectoryProjection.NAMES, beginning).set("n", prefix.tenants).set("s", prefix.split)
             .setLater("e", () -> text(prefix));
    }

    /** The document of a beginning as this index last wrote it, or null: what a search reads. */
    Document document(String beginning) {
        Prefix prefix = prefixes.get(beginning);
        return prefix == null ? null : new Document("_id", beginning).append("n", prefix.tenants)
                                                                     .append("s", prefix.split)
                                                                     .append("e", text(prefix));
    }

    private static String text(Prefix prefix) {
        return String.join(String.valueOf(RECORD), prefix.entries);
    }

    private Prefix load(String beginning) {
        Prefix prefix = prefixes.get(beginning);
        if (prefix == null) {
            prefix = new Prefix();
            Document doc = stored == null ? null : stored.apply(beginning);
            if (doc != null) {
                prefix.tenants = doc.get("n", Number.class).longValue();
                prefix.split = doc.getBoolean("s", false);
                prefix.entries.addAll(entries(doc));
            }
            prefixes.put(beginning, prefix);
        }
        return prefix;
    }

    /** The entries of a stored document, in key order. */
    static List<String> entries(Document doc) {
        String text = doc.getString("e");
        return text == null || text.isEmpty() ? List.of()
                : Arrays.asList(text.split(String.valueOf(RECORD)));
    }

    static String keyOf(String entry) {
        return entry.substring(0, entry.lastIndexOf(UNIT));
    }

    static String tenantOf(String entry) {
        return entry.substring(entry.lastIndexOf(UNIT) + 1);
    }
}
