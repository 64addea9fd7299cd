package cn.incubation.ledger.history.projection;

import cn.incubation.ledger.history.FindIncubatorHistory;
import cn.incubation.ledger.history.HistoryEntry;
import cn.incubation.ledger.history.HistoryPage;
import cn.incubation.ledger.history.IncubatorHistory;
import cn.incubation.ledger.projector.ProjectionService;
import cn.incubation.ledger.shared.LedgerRejection;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers timeline pages from the index document and the month documents it points to: the index says which months
 * hold how many facts of each type, so a page reads only the months it shows, plus the (at most two) months that
 * {@code from} and {@code to} cut, whose counts the index cannot give.
 */
@Component
class MongoIncubatorHistory implements IncubatorHistory {

    /** Newest first by business date, then by record time, then by place in the event stream. */
    private static final Comparator<Stored> NEWEST_FIRST = Comparator
            .comparing((Stored s) -> s.entry().occurredOn())
            .thenComparing(s -> s.entry().recordedAt())
            .thenComparingLong(Stored::position)
            .thenComparing(s -> s.entry().eventId())
            .reversed();

    private record Stored(HistoryEntry entry, long position) {
    }

    private final ProjectionService projections;

    MongoIncubatorHistory(ProjectionService projections) {
        this.projections = projections;
    }

    @Override
    public HistoryPage find(FindIncubatorHistory query) {
        Document index = collection(IncubatorHistoryProjection.INDEX)
                .find(Filters.eq("_id", query.incubatorId())).first();
        if (index == null) {
            throw LedgerRejection.notFound("incubatorId", query.incubatorId(), "nothing with this id is in the "
                    + "ledger's history");
        }
        Document months = index.get("months", new Document());
        String fromMonth = query.from() == null ? null : YearMonth.from(query.from()).toString();
        String toMonth = query.to() == null ? null : YearMonth.from(query.to()).toString();
        List<String> candidates = months.keySet().stream()
                                        .filter(m -> fromMonth == null || m.compareTo(fromMonth) >= 0)
                                        .filter(m -> toMonth == null || m.compareTo(toMonth) <= 0)
                                        .filter(m -> indexCount(months.get(m, Document.class), query) > 0)
                                        .sorted(Comparator.reverseOrder())
                                        .toList();

        Map<String, List<HistoryEntry>> loaded = new HashMap<>();
        load(query, candidates.stream().filter(m -> m.equals(fromMonth) || m.equals(toMonth)).toList(), loaded);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String month : candidates) {
            counts.put(month, loaded.containsKey(month) ? loaded.get(month).size()
                    : indexCount(months.get(month, Document.class), query));
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();

        long offset = (long) query.page() * query.size();
        long end = offset + query.size();
        List<String> shown = new ArrayList<>();
        long firstShownStart = 0;
        long start = 0;
        for (Map.Entry<String, Long> month : counts.entrySet()) {
            long next = start + month.getValue();
            if (next > offset && start < end) {
                if (shown.isEmpty()) {
                    firstShownStart = start;
                }
                shown.add(month.getKey());
            }
            start = next;
        }
        load(query, shown.stream().filter(m -> !loaded.containsKey(m)).toList(), loaded);
        List<HistoryEntry> entries = shown.stream().flatMap(m -> loaded.get(m).stream())
                                          .skip(offset - firstShownStart)
                                          .limit(query.size())
                                          .toList();
        long totalPages = (total + query.size() - 1) / query.size();
        return new HistoryPage(query.incubatorId(), query.page(), query.size(), total, totalPages, entries);
    }

    /** Reads the months by {@code _id $in}, keeping each month's matching entries newest first. */
    private void load(FindIncubatorHistory query, List<String> months, Map<String, List<HistoryEntry>> loaded) {
        if (months.isEmpty()) {
            return;
        }
        List<String> ids = months.stream().map(m -> IncubatorHistoryProjection.monthId(query.incubatorId(), m))
                                 .toList();
        for (String month : months) {
            loaded.put(month, List.of());
        }
        for (Document doc : collection(IncubatorHistoryProjection.MONTHS).find(Filters.in("_id", ids))) {
            List<Stored> entries = new ArrayList<>();
            for (Object value : doc.get("entries", new Document()).values()) {
                Document stored = (Document) value;
                HistoryEntry entry = entry(stored);
                if (query.matches(entry.type(), entry.occurredOn())) {
                    entries.add(new Stored(entry, stored.get("position", Number.class).longValue()));
                }
            }
            entries.sort(NEWEST_FIRST);
            loaded.put(doc.getString("month"), entries.stream().map(Stored::entry).toList());
        }
    }

    private static HistoryEntry entry(Document doc) {
        return new HistoryEntry(doc.getString("eventId"), LocalDate.parse(doc.getString("occurredOn")),
                                Instant.parse(doc.getString("recordedAt")), doc.getString("type"),
                                doc.getString("tenantId"), doc.getString("actor"), doc.getString("summary"),
                                new LinkedHashMap<>(doc.get("fields", new Document())));
    }

    private static long indexCount(Document types, FindIncubatorHistory query) {
        if (types == null) {
            return 0;
        }
        long count = 0;
        for (Map.Entry<String, Object> type : types.entrySet()) {
            if (query.types().isEmpty() || query.types().contains(type.getKey())) {
                count += ((Number) type.getValue()).longValue();
            }
        }
        return count;
    }

    private MongoCollection<Document> collection(String base) {
        return projections.collection(IncubatorHistoryProjection.NAME, base);
    }
}
