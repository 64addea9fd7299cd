package cn.incubation.ledger.history.projection;

import cn.incubation.ledger.shared.CommandMetadata;
import cn.incubation.ledger.eventstore.EventsByIndex;
import cn.incubation.ledger.history.FindIncubatorHistory;
import cn.incubation.ledger.history.HistoryEntry;
import cn.incubation.ledger.history.HistoryPage;
import cn.incubation.ledger.history.IncubatorHistory;
import cn.incubation.ledger.projector.ProjectionService;
import cn.incubation.ledger.projector.RecordTime;
import cn.incubation.ledger.shared.Check;
import cn.incubation.ledger.shared.LedgerRejection;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.TrackedEventMessage;
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
 * {@code from} and {@code to} cut, whose counts the index cannot give. The facts on the page are then read from the
 * event store by their places in the global order, in one lookup.
 */
@Component
class MongoIncubatorHistory implements IncubatorHistory {

    /** Newest first by business date, then by record time, then by place in the event stream (unique). */
    private static final Comparator<Stored> NEWEST_FIRST = Comparator
            .comparing(Stored::occurredOn)
            .thenComparing(Stored::recordedAt)
            .thenComparingLong(Stored::position)
            .reversed();

    /** An entry of a month document: what ordering and filtering need, and where the event is. */
    private record Stored(LocalDate occurredOn, Instant recordedAt, String type, String tenantId, long position) {
    }

    private final ProjectionService projections;
    private final EventsByIndex events;

    MongoIncubatorHistory(ProjectionService projections, EventsByIndex events) {
        this.projections = projections;
        this.events = events;
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

        Map<String, List<Stored>> loaded = new HashMap<>();
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
        List<Stored> onPage = shown.stream().flatMap(m -> loaded.get(m).stream())
                                    .skip(offset - firstShownStart)
                                    .limit(query.size())
                                    .toList();
        List<HistoryEntry> entries = resolve(onPage);
        long totalPages = (total + query.size() - 1) / query.size();
        return new HistoryPage(query.incubatorId(), query.page(), query.size(), total, totalPages, entries);
    }

    /** Reads the months by {@code _id $in}, keeping each month's matching entries newest first. */
    private void load(FindIncubatorHistory query, List<String> months, Map<String, List<Stored>> loaded) {
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
            for (Map.Entry<String, Object> field : doc.get("entries", new Document()).entrySet()) {
                Stored entry = stored(field.getKey(), field.getValue());
                if (query.matches(entry.type(), entry.occurredOn())) {
                    entries.add(entry);
                }
            }
            entries.sort(NEWEST_FIRST);
            loaded.put(doc.getString("month"), entries);
        }
    }

    /**
     * An entry as the projection writes it ({@code p<index>: "occurredOn|recordedAt|type|tenantId"}), or as it wrote
     * it before it left the events' fields to the event store ({@code e<event id>: {occurredOn, recordedAt, type,
     * tenantId, position, …}}), so that a generation built before reads the same until it is replayed.
     */
    private static Stored stored(String key, Object value) {
        if (value instanceof String entry) {
            String[] parts = IncubatorHistoryProjection.parts(entry);
            return new Stored(LocalDate.parse(parts[0]), RecordTime.parse(parts[1]), parts[2], parts[3],
                              IncubatorHistoryProjection.position(key));
        }
        Document earlier = (Document) value;
        return new Stored(LocalDate.parse(earlier.getString("occurredOn")),
                          RecordTime.parse(earlier.getString("recordedAt")), earlier.getString("type"),
                          earlier.getString("tenantId"), earlier.get("position", Number.class).longValue());
    }

    /** The page's facts, read from the event store in one lookup, with what the timeline shows of each. */
    private List<HistoryEntry> resolve(List<Stored> onPage) {
        Map<Long, TrackedEventMessage<?>> byPosition = new HashMap<>();
        for (TrackedEventMessage<?> event : events.readEventsAt(onPage.stream().map(Stored::position).toList())) {
            byPosition.put(RecordTime.globalIndex(event), event);
        }
        List<HistoryEntry> entries = new ArrayList<>(onPage.size());
        for (Stored stored : onPage) {
            TrackedEventMessage<?> event = byPosition.get(stored.position());
            if (event == null) {
                throw new IllegalStateException("The incubator history lists the event at global index "
                                                + stored.position() + ", which the event store does not hold");
            }
            String summary;
            Map<String, Object> fields;
            try {
                summary = Summaries.of(event.getPayload());
                fields = new LinkedHashMap<>(EventFields.of((Record) event.getPayload()));
            } catch (RuntimeException e) {
                // One fact that cannot be shown (recorded before the ledger bounded its values) spoils no page.
                summary = "This fact cannot be shown: "
                        + Check.excerpt(e.getClass().getSimpleName() + ": " + e.getMessage());
                fields = Map.of();
            }
            entries.add(new HistoryEntry(event.getIdentifier(), stored.occurredOn(), stored.recordedAt(),
                                         stored.type(), stored.tenantId(), CommandMetadata.actor(event),
                                         summary, fields));
        }
        return entries;
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
