package cn.incubation.ledger.projector;

import org.axonframework.eventhandling.EventMessage;

import java.util.List;

/**
 * A read model built from the events by a {@link Projector}. It turns each event into writes on a
 * {@link ProjectionBatch}, which the projector applies exactly once, and reads its own documents through the
 * {@link ProjectionStore} it was opened with.
 */
public interface Projection {

    /** The projection's name in the API and in its stored state, kebab-case ({@code regional-totals}). */
    String name();

    /** The base names of the collections it owns; each generation gets its own copies. */
    List<String> collections();

    /** Starts (or restarts) work on a generation: forget every cache, read from this store from now on. */
    void open(ProjectionStore store);

    /** Applies one event; {@code recordedAt} is when the ledger learned the fact. */
    void handle(EventMessage<?> event, ProjectionBatch batch);
}
