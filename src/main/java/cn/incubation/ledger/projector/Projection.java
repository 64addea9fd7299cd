package cn.incubation.ledger.projector;

import org.axonframework.config.ProcessingGroup;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A read model built from the events, as the projector runs it: a class of Axon {@code @EventHandler} methods, named by
 * its {@code @ProcessingGroup}, each turning one type of event into writes on the {@link ProjectionBatch} it takes as a
 * parameter; the processor applies them exactly once. A handler object is made for each generation of the collections
 * and used by one thread at a time, so whatever it caches stays its own; a new one is made whenever a processor claims
 * a segment, since another node may have written in between. Handler classes are not Spring beans: Axon's
 * auto-configuration would give them processors of its own.
 *
 * @param name         the processing group, kebab-case ({@code regional-totals}), in the API and the stored state
 * @param handlerType  the class of the {@code @EventHandler} methods
 * @param handlers     makes a handler object that reads and writes one generation's collections through the store
 * @param collections  the base names of the collections it owns; each generation gets its own copies
 * @param keptInMemory collections a rebuild keeps in memory to the end of its first pass and writes once, instead of
 *                     at every flush: for documents that events all through the history change (a tenant's facts, a
 *                     carrier's counts), which the rebuild would otherwise read back and replace at every flush. The
 *                     handler must never read them back while it works on a generation it opened empty. They are held
 *                     up to {@code ledger.projections.rebuild-keep} documents of a projection, so they should be few
 *                     or small.
 * @param maxSegments  how many segments its processor may have (segments split the events by aggregate, and each
 *                     segment's batches are guarded apart): more than one only where the handler keeps nothing across
 *                     aggregates and the writes of two aggregates to one document commute (fields of their own set,
 *                     counts added)
 * @param version      raised whenever what the handlers write changes: a generation built by an earlier version is
 *                     rebuilt when a node with this one starts, while it keeps answering
 */
public record Projection(String name, Class<?> handlerType, Function<ProjectionStore, ?> handlers,
                         List<String> collections, Set<String> keptInMemory, int maxSegments, int version) {

    public Projection {
        Objects.requireNonNull(handlers, "handlers");
        collections = List.copyOf(collections);
        keptInMemory = Set.copyOf(keptInMemory);
        if (!collections.containsAll(keptInMemory)) {
            throw new IllegalArgumentException("Projection " + name + " keeps collections it does not own: "
                                               + keptInMemory);
        }
    }

    /** A projection of one segment, owning the collections named, none kept in memory through a rebuild. */
    public static <T> Projection of(Class<T> handlerType, Function<ProjectionStore, ? extends T> handlers,
                                    String... collections) {
        ProcessingGroup group = handlerType.getAnnotation(ProcessingGroup.class);
        if (group == null) {
            throw new IllegalArgumentException(handlerType.getName() + " names no @ProcessingGroup");
        }
        return new Projection(group.value(), handlerType, handlers, List.of(collections), Set.of(), 1, 1);
    }

    /** The same projection, keeping these of its collections in memory through a rebuild's first pass. */
    public Projection keepingInMemory(String... collections) {
        return new Projection(name, handlerType, handlers, this.collections, Set.of(collections), maxSegments,
                              version);
    }

    /** The same projection, its processor split into as many segments as configured (see {@code maxSegments}). */
    public Projection segmentedByAggregate() {
        return new Projection(name, handlerType, handlers, collections, keptInMemory, Integer.MAX_VALUE, version);
    }

    /** The same projection at another version of what it writes. */
    public Projection atVersion(int version) {
        return new Projection(name, handlerType, handlers, collections, keptInMemory, maxSegments, version);
    }

    /** A new handler object for one generation, or one claim of a segment of it. */
    Object open(ProjectionStore store) {
        return handlers.apply(store);
    }
}
