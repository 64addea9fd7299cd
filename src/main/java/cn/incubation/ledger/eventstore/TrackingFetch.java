package cn.incubation.ledger.eventstore;

import cn.incubation.ledger.eventstore.AppendSettler.Append;
import cn.incubation.ledger.eventstore.AppendSettler.AppendState;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import static cn.incubation.ledger.eventstore.EventSchema.ID;
import static cn.incubation.ledger.eventstore.EventSchema.TOMBSTONE;
import static cn.incubation.ledger.eventstore.EventSchema.appendOf;
import static cn.incubation.ledger.eventstore.EventSchema.eventData;
import static cn.incubation.ledger.eventstore.EventSchema.isTombstone;
import static cn.incubation.ledger.eventstore.EventSchema.timestampOf;

/**
 * Reads by global index. Chiefly the next batch for a tracking processor after a {@link GapAwareTrackingToken}: a walk
 * over windows of indexes ({@code _id $in [i+1 … i+n] ∪ gaps}, key lookups only), delivering committed appends in
 * index order and keeping unresolved indexes as gaps until they fill or time out.
 */
final class TrackingFetch {

    private final MongoCollection<Document> events;
    private final AppendSettler settler;
    private final IndexAllocator allocator;
    private final Duration gapTimeout;
    private final int maxGapOffset;
    private final int trackingWindow;
    /** When this engine first saw each index that was reserved but not yet resolved; the clock for gap timeouts. */
    private final Map<Long, Instant> unresolvedSince = new ConcurrentHashMap<>();

    TrackingFetch(MongoCollection<Document> events, AppendSettler settler, IndexAllocator allocator,
                  Duration gapTimeout, int maxGapOffset, int trackingWindow) {
        this.events = events;
        this.settler = settler;
        this.allocator = allocator;
        this.gapTimeout = gapTimeout;
        this.maxGapOffset = maxGapOffset;
        this.trackingWindow = trackingWindow;
    }

    /** The events after {@code start} (none: from the beginning), at least {@code batchSize} indexes' worth. */
    List<TrackedEventData<?>> fetch(GapAwareTrackingToken start, int batchSize) {
        long index = start == null ? 0 : start.getIndex();
        SortedSet<Long> gaps = start == null ? new TreeSet<>() : new TreeSet<>(start.getGaps());
        int window = Math.max(batchSize, trackingWindow);
        List<Long> firstIds = new ArrayList<>(gaps);
        firstIds.addAll(eventsAfterGapRuns(gaps, index));
        Map<Long, Document> seen = new TreeMap<>();
        Map<Long, AppendState> states = new HashMap<>();
        Long head = null;
        long windowStart = index + 1;
        long windowEnd;
        long highestCommitted;
        while (true) {
            windowEnd = windowStart + window - 1;
            List<Long> ids = new ArrayList<>(window + firstIds.size());
            if (windowStart == index + 1) {
                ids.addAll(firstIds);
            }
            for (long id = windowStart; id <= windowEnd; id++) {
                ids.add(id);
            }
            Map<Long, Document> found = find(ids);
            seen.putAll(found);
            states.putAll(settler.states(found.values()));
            highestCommitted = highestCommitted(found, states);
            if (highestCommitted > 0) {
                // Whatever this query found committed was committed after anything committed before it. Read the
                // indexes below it that earlier queries (or earlier parts of this one) found unresolved once more, so
                // that an append committed before these events is delivered before them, never after.
                List<Long> unresolved = unresolvedBelow(seen, states, gaps, index, highestCommitted);
                if (!unresolved.isEmpty()) {
                    Map<Long, Document> reread = find(unresolved);
                    seen.putAll(reread);
                    states.putAll(settler.states(reread.values()));
                }
                break;
            }
            // Nothing deliverable here. Move on if something lies beyond: indexes reserved past this window (a large
            // append in flight, or a range a crashed writer never wrote).
            if (head == null) {
                head = allocator.head();
            }
            if (head <= windowEnd) {
                break;
            }
            windowStart = windowEnd + 1;
        }
        // Deliver nothing above what the window queries found committed: what committed later is for the next fetch,
        // after its own re-read.
        return new Tracker(index, gaps).process(seen, states, index + 1,
                                                highestCommitted > 0 ? highestCommitted : windowEnd);
    }

    /**
     * The committed events at these global indexes, in index order, each with its index alone as its token; see
     * {@link MongoEventStorageEngine#readEventsAt}.
     */
    List<TrackedEventData<?>> committedAt(Collection<Long> globalIndexes) {
        if (globalIndexes.isEmpty()) {
            return List.of();
        }
        Map<Long, Document> found = find(new ArrayList<>(new TreeSet<>(globalIndexes)));
        Map<Long, AppendState> states = settler.states(found.values());
        List<TrackedEventData<?>> committed = new ArrayList<>(found.size());
        for (Document document : found.values()) {
            if (!isTombstone(document) && states.get(appendOf(document)) == AppendState.COMMITTED) {
                committed.add(new TrackedDomainEventData<>(
                        GapAwareTrackingToken.newInstance(document.getLong(ID), List.of()), eventData(document)));
            }
        }
        return committed;
    }

    /** How many of these global indexes hold a tombstone. */
    long tombstonesAt(Collection<Long> globalIndexes) {
        if (globalIndexes.isEmpty()) {
            return 0;
        }
        long tombstones = 0;
        for (Document document : events.find(Filters.in(ID, new ArrayList<>(globalIndexes)))
                                       .projection(new Document(TOMBSTONE, 1))) {
            if (isTombstone(document)) {
                tombstones++;
            }
        }
        return tombstones;
    }

    /** The documents at these global indexes, by index. */
    private Map<Long, Document> find(List<Long> ids) {
        Map<Long, Document> byIndex = new TreeMap<>();
        for (Document document : events.find(Filters.in(ID, ids))) {
            byIndex.put(document.getLong(ID), document);
        }
        return byIndex;
    }

    private static long highestCommitted(Map<Long, Document> documents, Map<Long, AppendState> states) {
        long highest = -1;
        for (Document document : documents.values()) {
            if (!isTombstone(document) && states.get(appendOf(document)) == AppendState.COMMITTED) {
                highest = Math.max(highest, document.getLong(ID));
            }
        }
        return highest;
    }

    /** Indexes below {@code limit} that are missing, or hold an append not yet decided. */
    private static List<Long> unresolvedBelow(Map<Long, Document> seen, Map<Long, AppendState> states,
                                              SortedSet<Long> gaps, long index, long limit) {
        List<Long> unresolved = new ArrayList<>();
        for (long gap : gaps) {
            if (isUnresolved(seen.get(gap), states)) {
                unresolved.add(gap);
            }
        }
        for (long id = index + 1; id < limit; id++) {
            if (isUnresolved(seen.get(id), states)) {
                unresolved.add(id);
            }
        }
        return unresolved;
    }

    private static boolean isUnresolved(Document document, Map<Long, AppendState> states) {
        return document == null
                || !isTombstone(document) && states.get(appendOf(document)) == AppendState.PENDING;
    }

    /**
     * The index just after each run of gaps: the event there was delivered before, and its age tells whether the
     * gaps before it are old (as in Axon's JDBC engine, an event older than the gap timeout ages all gaps before it).
     */
    private static List<Long> eventsAfterGapRuns(SortedSet<Long> gaps, long index) {
        List<Long> after = new ArrayList<>();
        for (long gap : gaps) {
            long next = gap + 1;
            if (next <= index && !gaps.contains(next)) {
                after.add(next);
            }
        }
        return after;
    }

    /** Walks one window in index order, deciding for each index whether it is delivered, skipped or still a gap. */
    private final class Tracker {

        long index;
        SortedSet<Long> gaps;

        Tracker(long index, SortedSet<Long> gaps) {
            this.index = index;
            this.gaps = gaps;
        }

        List<TrackedEventData<?>> process(Map<Long, Document> byIndex, Map<Long, AppendState> states,
                                          long from, long to) {
            Instant now = GenericEventMessage.clock.instant();
            Instant timeoutFrame = now.minus(gapTimeout);
            dropGapsBeforeOldEvents(byIndex, states, timeoutFrame);
            List<TrackedEventData<?>> result = new ArrayList<>();
            // Gaps all lie below the position, so they come first in index order, then the window.
            for (long gap : new ArrayList<>(gaps)) {
                visit(gap, byIndex, states, now, timeoutFrame, result);
            }
            for (long id = from; id <= to; id++) {
                visit(id, byIndex, states, now, timeoutFrame, result);
            }
            tombstoneExpiredGaps(timeoutFrame);
            return result;
        }

        private void visit(long id, Map<Long, Document> byIndex, Map<Long, AppendState> states, Instant now,
                           Instant timeoutFrame, List<TrackedEventData<?>> result) {
            if (id <= index && !gaps.contains(id)) {
                return;
            }
            Document document = byIndex.get(id);
            AppendState state = document == null ? null
                    : isTombstone(document) ? AppendState.ABORTED
                    : states.get(appendOf(document));
            if (state == AppendState.COMMITTED) {
                Instant timestamp = timestampOf(document);
                settle(id, timestamp.isBefore(timeoutFrame), now, timeoutFrame);
                result.add(new TrackedDomainEventData<>(GapAwareTrackingToken.newInstance(index, gaps),
                                                        eventData(document)));
            } else if (state == AppendState.ABORTED) {
                if (!isTombstone(document)) {
                    // Left over from an append that was decided against: free its keys.
                    settler.abort(Append.of(document));
                }
                settle(id, false, now, timeoutFrame);
            } else if (document != null) {
                // Written but not committed. A missing index is timed only once it is a gap (see settle).
                unresolvedSince.putIfAbsent(id, now);
                if (unresolvedSince.get(id).isBefore(timeoutFrame)
                        && settler.abort(Append.of(document)) == AppendState.ABORTED) {
                    // An append that started writing and never committed: its writer is gone.
                    settle(id, false, now, timeoutFrame);
                }
            }
        }

        private void dropGapsBeforeOldEvents(Map<Long, Document> byIndex, Map<Long, AppendState> states,
                                             Instant timeoutFrame) {
            long oldest = -1;
            for (Document document : byIndex.values()) {
                long id = document.getLong(ID);
                if (id <= index && !gaps.contains(id) && !isTombstone(document)
                        && states.get(appendOf(document)) == AppendState.COMMITTED
                        && timestampOf(document).isBefore(timeoutFrame)) {
                    oldest = Math.max(oldest, id);
                }
            }
            if (oldest > 0 && !gaps.isEmpty() && gaps.first() < oldest) {
                tombstoneGaps(new ArrayList<>(gaps.headSet(oldest)));
            }
        }

        /** Moves the position to {@code id}; indexes skipped on the way become gaps, or are settled if old. */
        private void settle(long id, boolean dropOlderGaps, Instant now, Instant timeoutFrame) {
            if (id > index) {
                for (long skipped = index + 1; skipped < id; skipped++) {
                    gaps.add(skipped);
                    unresolvedSince.putIfAbsent(skipped, now);
                }
                index = id;
            } else {
                gaps.remove(id);
            }
            unresolvedSince.remove(id);
            if (dropOlderGaps && !gaps.isEmpty() && gaps.first() < id) {
                tombstoneGaps(new ArrayList<>(gaps.headSet(id)));
            }
            if (!gaps.isEmpty() && gaps.first() < index - maxGapOffset) {
                tombstoneGaps(new ArrayList<>(gaps.headSet(index - maxGapOffset)));
            }
        }

        private void tombstoneExpiredGaps(Instant timeoutFrame) {
            List<Long> expired = new ArrayList<>();
            for (long gap : gaps) {
                Instant since = unresolvedSince.get(gap);
                if (since != null && since.isBefore(timeoutFrame)) {
                    expired.add(gap);
                }
            }
            if (!expired.isEmpty()) {
                tombstoneGaps(expired);
            }
        }

        /**
         * Gives up gaps by writing tombstones into them. A gap whose tombstone is refused was filled meanwhile and
         * stays a gap, to be read on the next fetch.
         */
        private void tombstoneGaps(List<Long> expired) {
            List<Long> settled = settler.tombstoneAll(expired);
            settled.forEach(gaps::remove);
            settled.forEach(unresolvedSince::remove);
        }
    }
}
