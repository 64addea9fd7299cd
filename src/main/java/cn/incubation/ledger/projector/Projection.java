package cn.incubation.ledger.projector;

import org.axonframework.eventhandling.EventMessage;

import java.util.List;
import java.util.Set;

/**
 * A read model built from the events. For each generation of its collections it opens a {@link Handler}, which turns
 * each event into writes on a {@link ProjectionBatch}; the processor applies them exactly once. A handler is used by
 * one thread at a time and keeps whatever it caches to itself, so the active generation and a rebuild never share
 * state; a new one is opened whenever a processor claims a segment, since another node may have written in between.
 */
public interface Projection {

    /** The projection's name in the API and in its stored state, kebab-case ({@code regional-totals}). */
    String name();

    /** The base names of the collections it owns; each generation gets its own copies. */
    List<String> collections();

    /**
     * Collections a rebuild keeps in memory to the end of its first pass and writes once, instead of at every flush:
     * for documents that events all through the history change (a tenant's facts, a carrier's counts), which the
     * rebuild would otherwise read back and replace at every flush. The handler must never read them back while it
     * works on a generation it opened empty. They are held for the whole pass, up to
     * {@code ledger.projections.rebuild-keep} documents of a projection (then a flush writes them, and they start
     * afresh), so they should be few or small: at 500,000 events the largest, every tenant's facts, is some 40 MB of
     * documents.
     */
    default Set<String> keptInMemory() {
        return Set.of();
    }

    /**
     * How many segments its processor may have: more than one only where every document is written by the events of
     * one aggregate (segments split the events by aggregate) and the handler keeps nothing across aggregates.
     */
    default int maxSegments() {
        return 1;
    }

    /** Starts (or restarts) work on a generation, reading that generation's documents through the store. */
    Handler open(ProjectionStore store);

    /** Turns events into the writes of one generation. */
    @FunctionalInterface
    interface Handler {

        /** Applies one event (see {@link RecordTime} for when the ledger learned it). */
        void handle(EventMessage<?> event, ProjectionBatch batch);
    }
}
