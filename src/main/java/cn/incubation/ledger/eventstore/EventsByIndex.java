package cn.incubation.ledger.eventstore;

import org.axonframework.eventhandling.TrackedEventMessage;

import java.util.Collection;
import java.util.List;

/**
 * The event stream read by global index, for read models that keep an event's place instead of a copy of it, and for
 * a projection's lag. The storage engine answers; readers need nothing else of it.
 */
public interface EventsByIndex {

    /**
     * The events at these global indexes, upcast and deserialised, in index order. Indexes that hold no committed event
     * (unwritten, given up, or of an append not decided yet) are left out. Each event's token is its index alone: a
     * place, not a point to track from.
     */
    List<TrackedEventMessage<?>> readEventsAt(Collection<Long> globalIndexes);

    /** How many of these global indexes hold a tombstone: an index given up, or an append that failed. */
    long tombstonesAt(Collection<Long> globalIndexes);
}
