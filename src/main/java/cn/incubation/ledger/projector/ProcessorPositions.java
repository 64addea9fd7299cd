package cn.incubation.ledger.projector;

import cn.incubation.ledger.eventstore.EventsByIndex;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the projections' processors stand, as every node sees it: each segment's token and claim, read from Axon's
 * token store (a token is stored after its batch's writes are applied), and from them a generation's position and
 * lag.
 */
final class ProcessorPositions {

    /** A lag up to this many events is worked out exactly, leaving out tombstones; a larger one is an estimate. */
    static final int EXACT_LAG = 1_000;

    private final MongoTemplate axonMongo;
    private final Serializer serializer;
    private final EventsByIndex engine;

    ProcessorPositions(MongoTemplate axonMongo, Serializer serializer, EventsByIndex engine) {
        this.axonMongo = axonMongo;
        this.serializer = serializer;
        this.engine = engine;
    }

    /** Each segment of a generation's processor, with the node holding its claim and its position. */
    List<ProjectionService.SegmentClaim> claims(String name, int generation) {
        Map<Integer, Document> entries = entries(ProjectionRun.processorName(name, generation));
        Map<Integer, TrackingToken> positions = tokens(entries);
        List<ProjectionService.SegmentClaim> claims = new ArrayList<>();
        for (int segment : positions.keySet()) {
            Document entry = entries.get(segment);
            String owner = entry == null ? null : entry.getString("owner");
            Number timestamp = entry == null ? null : entry.get("timestamp", Number.class);
            claims.add(new ProjectionService.SegmentClaim(generation, segment, owner,
                                        owner == null || timestamp == null ? null
                                                : Instant.ofEpochMilli(timestamp.longValue()),
                                        BatchJournal.indexOf(positions.get(segment))));
        }
        return claims;
    }

    /** The position of a generation: the least of its segments' positions (-1 before its first event). */
    long position(String name, int generation) {
        return segmentTokens(ProjectionRun.processorName(name, generation)).values().stream()
                                                                          .mapToLong(BatchJournal::indexOf).min()
                                                                          .orElse(-1);
    }

    /** The events up to {@code head} that some segment of a generation has still to apply (see {@link #pending}). */
    long lag(String name, int generation, long head) {
        return segmentTokens(ProjectionRun.processorName(name, generation)).values().stream()
                                                                          .mapToLong(t -> pending(t, head)).max()
                                                                          .orElse(0);
    }

    /**
     * Each segment's token as Axon's token store holds it (null: before its first event), which is stored after the
     * batch's writes are applied; read from the store, so every node sees the same.
     */
    Map<Integer, TrackingToken> segmentTokens(String processor) {
        return tokens(entries(processor));
    }

    /** The token store's entries of a processor, by segment. */
    private Map<Integer, Document> entries(String processor) {
        Map<Integer, Document> entries = new LinkedHashMap<>();
        for (Document entry : axonMongo.trackingTokensCollection().find(Filters.eq("processorName", processor))) {
            entries.put(entry.get("segment", Number.class).intValue(), entry);
        }
        return entries;
    }

    /** The entries' tokens by segment, in segment order; segment 0 without a token when there are none yet. */
    private Map<Integer, TrackingToken> tokens(Map<Integer, Document> entries) {
        Map<Integer, TrackingToken> positions = new java.util.TreeMap<>();
        entries.forEach((segment, entry) -> {
            Object data = entry.get("token");
            String type = entry.getString("tokenType");
            byte[] bytes = data instanceof org.bson.types.Binary binary ? binary.getData()
                    : data instanceof byte[] raw ? raw : null;
            positions.put(segment, bytes == null || type == null ? null
                    : serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null)));
        });
        if (positions.isEmpty()) {
            positions.put(0, null);
        }
        return positions;
    }

    /**
     * The events up to {@code head} a token has not delivered: those above its index and those in its gaps (an
     * append that committed after later ones, delivered when it lands), less those that hold a tombstone (a failed
     * append, a gap given up), which never will be. Exact up to {@link #EXACT_LAG} behind; further behind, every index
     * counts.
     */
    long pending(TrackingToken token, long head) {
        long index = BatchJournal.indexOf(token);
        List<Long> undelivered = new ArrayList<>();
        if (token instanceof GapAwareTrackingToken gapAware) {
            gapAware.getGaps().stream().filter(gap -> gap <= head).forEach(undelivered::add);
        }
        long behind = Math.max(0, head - index);
        if (behind + undelivered.size() == 0) {
            return 0;
        }
        if (behind + undelivered.size() > EXACT_LAG) {
            return behind + undelivered.size();
        }
        for (long i = index + 1; i <= head; i++) {
            undelivered.add(i);
        }
        return undelivered.size() - engine.tombstonesAt(undelivered);
    }
}
