package cn.incubation.ledger.directory.projection;

import cn.incubation.ledger.directory.FindTenants;
import cn.incubation.ledger.directory.Paging;
import cn.incubation.ledger.directory.TenantRow;
import cn.incubation.ledger.directory.TenantSearch;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds incubations by the beginning of a company's or team's name, in the order of the names' keys. Everyone but an
 * operator searches the {@link NameIndex}: one {@code _id $in} over the query's beginnings for which documents exist
 * (their counts only), one read of the document to answer from, one {@code _id $in} over the tenants of the page. An
 * operator's search reads its carriers' documents instead, which hold every tenant they ever had: exact, and never
 * touching another carrier's names.
 */
final class NameSearch {

    private final Function<String, MongoCollection<Document>> collections;

    NameSearch(Function<String, MongoCollection<Document>> collections) {
        this.collections = collections;
    }

    TenantSearch find(FindTenants query, LocalDate today) {
        String key = NameKey.of(query.namePrefix());
        return query.onlyCarriers() == null ? fromIndex(query, key, today) : fromCarriers(query, key, today);
    }

    private TenantSearch fromIndex(FindTenants query, String key, LocalDate today) {
        MongoCollection<Document> index = collections.apply(DirectoryProjection.NAMES);
        Found found = lookUp(key, beginnings -> {
            Map<String, Document> existing = new HashMap<>();
            index.find(Filters.in("_id", beginnings)).projection(Projections.include("s"))
                 .forEach(doc -> existing.put(doc.getString("_id"), doc));
            return existing;
        }, beginning -> index.find(Filters.eq("_id", beginning)).first());
        List<String> page = Paging.page(found.tenantIds(), query.page(), query.size());
        Map<String, TenantRow> rows = new HashMap<>();
        if (!page.isEmpty()) {
            collections.apply(DirectoryProjection.TENANTS).find(Filters.in("_id", page)).forEach(tenant -> {
                TenantRow row = StoredRows.tenant(tenant.getString("_id"), tenant.getString("i"), tenant, today);
                if (row != null) {
                    rows.put(row.tenantId(), row);
                }
            });
        }
        return new TenantSearch(null, query.namePrefix(), today, found.total(), found.tenantIds().size(),
                                query.page(), query.size(), page.stream().map(rows::get).filter(r -> r != null)
                                                                .toList(), null);
    }

    /**
     * The tenants of the name index whose names begin with the key, in the order of their first such name, and how
     * many there are in all; more than listed when the key's own document split.
     */
    record Found(List<String> tenantIds, long total) {
    }

    /**
     * Looks a key up in the name index: {@code existing} gives the documents (their split flags at least) among the
     * key's beginnings, {@code read} one whole document.
     */
    static Found lookUp(String key, Function<List<String>, Map<String, Document>> existing,
                        Function<String, Document> read) {
        List<String> beginnings = new ArrayList<>();
        for (int l = 1; l <= NameKey.length(key); l++) {
            beginnings.add(NameKey.prefix(key, l));
        }
        Map<String, Document> found = existing.apply(beginnings);
        String source = null;
        for (int l = beginnings.size() - 1; l >= 0 && source == null; l--) {
            Document doc = found.get(beginnings.get(l));
            if (doc != null) {
                // A shorter document that split passed every longer name on: none begins with the key.
                boolean holdsEveryName = l == beginnings.size() - 1 || !doc.getBoolean("s", false);
                source = holdsEveryName ? beginnings.get(l) : "";
            }
        }
        Document doc = source == null || source.isEmpty() ? null : read.apply(source);
        if (doc == null) {
            return new Found(List.of(), 0);
        }
        Set<String> tenantIds = new LinkedHashSet<>();
        for (String entry : NameIndex.entries(doc)) {
            if (NameIndex.keyOf(entry).startsWith(key)) {
                tenantIds.add(NameIndex.tenantOf(entry));
            }
        }
        boolean truncated = source.equals(key) && doc.getBoolean("s", false);
        return new Found(List.copyOf(tenantIds), truncated ? doc.get("n", Number.class).longValue()
                : tenantIds.size());
    }

    private TenantSearch fromCarriers(FindTenants query, String key, LocalDate today) {
        Map<TenantRow, String> matched = new LinkedHashMap<>();
        collections.apply(DirectoryProjection.CARRIERS).find(Filters.in("_id", List.copyOf(query.onlyCarriers())))
                   .forEach(carrier -> carrier.get("t", new Document()).forEach((tenantId, stored) -> {
                       Document row = (Document) stored;
                       String first = null;
                       for (String name : new String[] {row.getString("cn"), row.getString("tn")}) {
                           String nameKey = name == null ? null : NameKey.of(name);
                           if (nameKey != null && nameKey.startsWith(key)
                                   && (first == null || nameKey.compareTo(first) < 0)) {
                               first = nameKey;
                           }
                       }
                       TenantRow tenant = first == null ? null
                               : StoredRows.tenant(tenantId, carrier.getString("_id"), row, today);
                       if (tenant != null) {
                           matched.put(tenant, first);
                       }
                   }));
        List<TenantRow> rows = new ArrayList<>(matched.keySet());
        rows.sort(Comparator.comparing((TenantRow row) -> matched.get(row)).thenComparing(TenantRow::tenantId));
        return answer(query, today, rows.size(), rows);
    }

    private static TenantSearch answer(FindTenants query, LocalDate today, long total, List<TenantRow> sorted) {
        return new TenantSearch(null, query.namePrefix(), today, total, sorted.size(), query.page(), query.size(),
                                Paging.page(sorted, query.page(), query.size()), query.onlyCarriers());
    }
}
