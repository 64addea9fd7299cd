package cn.incubation.ledger.regionaltotals.projection;

import cn.incubation.ledger.shared.CommandMetadata;
import cn.incubation.ledger.eventstore.EventsByIndex;
import cn.incubation.ledger.incubator.IncubatorEvent;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorRegistered;
import cn.incubation.ledger.projector.ProjectionService;
import cn.incubation.ledger.projector.RecordTime;
import cn.incubation.ledger.region.RegionCatalog;
import cn.incubation.ledger.regionaltotals.RecordedFacts;
import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.tenant.TenantEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

import static cn.incubation.ledger.regionaltotals.projection.RegionalTotalsProjection.CHINA;
import static cn.incubation.ledger.regionaltotals.projection.RegionalTotalsProjection.CHUNK;
import static cn.incubation.ledger.regionaltotals.projection.RegionalTotalsProjection.ENTITIES;
import static cn.incubation.ledger.regionaltotals.projection.RegionalTotalsProjection.NAME;
import static cn.incubation.ledger.regionaltotals.projection.RegionalTotalsProjection.TOTALS;

/**
 * Finds a region's facts recorded between two instants through what the totals already keep for "as known at": each
 * record-month document ({@code R|rm|2023-07}) flags, per record day, the chunks of a thousand events of the global
 * order that changed the region's figures. Only those chunks are read from the event store ({@code _id $in}), and
 * their events kept when recorded in the span and about a carrier of the region (carriers' divisions from the totals'
 * own entities, one more lookup). So the cost follows the events recorded in the span, never the whole stream, and is
 * bounded: at most {@link #MAX_CHUNKS} chunks, the newest, are read.
 */
@Component
class MongoRecordedFacts implements RecordedFacts {

    /** Chunks of the event stream one answer reads at most: ten thousand events. */
    static final int MAX_CHUNKS = 10;

    private static final Comparator<Fact> NEWEST_FIRST = Comparator.comparing(Fact::recordedAt)
                                                                    .thenComparingLong(Fact::globalIndex).reversed();

    private final ProjectionService projections;
    private final EventsByIndex events;
    private final RegionCatalog regions;
    private final ObjectMapper json;

    MongoRecordedFacts(ProjectionService projections, EventsByIndex events, RegionCatalog regions,
                       ObjectMapper json) {
        this.projections = projections;
        this.events = events;
        this.regions = regions;
        this.json = json;
    }

    @Override
    public Found between(String regionCode, Instant after, Instant until, int limit) {
        regions.require(regionCode);
        if (!after.isBefore(until)) {
            throw LedgerRejection.invalid("since", after, "must be before knownAt (" + until + ")");
        }
        NavigableSet<Long> chunks = chunks(regionCode, after, until);
        boolean complete = chunks.size() <= MAX_CHUNKS;
        List<Candidate> candidates = new ArrayList<>();
        for (long chunk : chunks.descendingSet().stream().limit(MAX_CHUNKS).toList()) {
            List<Long> indexes = new ArrayList<>(CHUNK);
            for (long index = chunk * CHUNK; index < (chunk + 1) * CHUNK; index++) {
                indexes.add(index);
            }
            for (TrackedEventMessage<?> event : events.readEventsAt(indexes)) {
                Instant recordedAt = RecordTime.of(event);
                if (recordedAt.isAfter(after) && !recordedAt.isAfter(until)
                        && (event.getPayload() instanceof IncubatorEvent || event.getPayload() instanceof TenantEvent)) {
                    candidates.add(new Candidate(event, recordedAt));
                }
            }
        }
        Map<String, String> carrierRegions = carrierRegions(candidates);
        List<Fact> facts = new ArrayList<>();
        for (Candidate candidate : candidates) {
            Object payload = candidate.event.getPayload();
            String incubatorId = payload instanceof IncubatorEvent e ? e.incubatorId()
                    : ((TenantEvent) payload).incubatorId();
            String division = payload instanceof IncubatorRegistered registered ? registered.regionCode()
                    : carrierRegions.get(incubatorId);
            if (division == null || !regions.isKnown(division) || !regions.rollUps(division).contains(regionCode)) {
                continue;
            }
            facts.add(new Fact(RecordTime.globalIndex(candidate.event), candidate.recordedAt, occurredOn(payload),
                               incubatorId, payload instanceof TenantEvent t ? t.tenantId() : null,
                               CommandMetadata.actor(candidate.event), (Record) payload));
        }
        facts.sort(NEWEST_FIRST);
        return new Found(regionCode, after, until, List.copyOf(facts.subList(0, Math.min(limit, facts.size()))),
                         facts.size(), complete);
    }

    /** The chunks flagged in the region's record months for the record days from {@code after} to {@code until}. */
    private NavigableSet<Long> chunks(String regionCode, Instant after, Instant until) {
        LocalDate firstDay = after.atZone(CHINA).toLocalDate();
        LocalDate lastDay = until.atZone(CHINA).toLocalDate();
        List<String> ids = new ArrayList<>();
        for (YearMonth month = YearMonth.from(firstDay); !month.isAfter(YearMonth.from(lastDay));
             month = month.plusMonths(1)) {
            ids.add(regionCode + "|rm|" + month);
        }
        NavigableSet<Long> chunks = new TreeSet<>();
        MongoCollection<Document> totals = projections.collection(NAME, TOTALS);
        for (Document document : totals.find(Filters.in("_id", ids))) {
            String id = document.getString("_id");
            YearMonth month = YearMonth.parse(id.substring(id.lastIndexOf('|') + 1));
            for (String field : document.keySet()) {
                // x:<day of month>:<chunk>, as RegionalTotalsProjection.Change names it
                if (field.startsWith("x:")) {
                    LocalDate day = month.atDay(Integer.parseInt(field, 2, 4, 10));
                    if (!day.isBefore(firstDay) && !day.isAfter(lastDay)) {
                        chunks.add(Long.parseLong(field, 5, field.length(), 10));
                    }
                }
            }
        }
        return chunks;
    }

    /** The division of each carrier the candidates concern, from the totals' carrier entities in one lookup. */
    private Map<String, String> carrierRegions(List<Candidate> candidates) {
        List<String> ids = candidates.stream().map(c -> c.event.getPayload())
                                     .map(p -> p instanceof IncubatorEvent e ? e.incubatorId()
                                             : ((TenantEvent) p).incubatorId())
                                     .distinct().map(id -> "c|" + id).toList();
        Map<String, String> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        for (Document document : projections.collection(NAME, ENTITIES).find(Filters.in("_id", ids))) {
            try {
                JsonNode region = json.readTree(document.getString("json")).get("region");
                if (region != null && region.isTextual()) {
                    result.put(document.getString("_id").substring(2), region.asText());
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable regional totals entity " + document.get("_id"), e);
            }
        }
        return result;
    }

    private static LocalDate occurredOn(Object payload) {
        return payload instanceof IncubatorEvent e ? e.occurredOn() : ((TenantEvent) payload).occurredOn();
    }

    private record Candidate(TrackedEventMessage<?> event, Instant recordedAt) {
    }
}
