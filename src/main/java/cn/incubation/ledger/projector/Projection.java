package cn.incubation.ledger.projector;

import org.axonframework.eventhandling.EventMessage;

import java.util.List;
import java.util.Set;

/**
 * A read model built from the events. For each generation of its collections it opens a {@link Handler}, which turns
 * each event into writes on a {@link ProjectionBatch}; the projector applies them exactly once. A handler is used by
 * one thread and keeps whatever it caches to itself, so the active generation and a rebuild never share state.
 */
public interface Projection {

    /** The projection's name in the API and in its stored state, kebab-case ({@code regional-totals}). */
    String name();

    /** The base names of the collections it owns; each generation gets its own copies. */
    List<String> collections();

    /**
     * Collections whose every document the handler keeps in memory as well, and never reads back while it works on a
     * generation it opened empty. A rebuild writes them once, at the end of its first pass, instead of at every flush.
     */
    default Set<String> keptInMemory() {
        return Set.of();
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
