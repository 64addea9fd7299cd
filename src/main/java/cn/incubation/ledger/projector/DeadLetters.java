package cn.incubation.ledger.projector;

import cn.incubation.ledger.shared.Check;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Events a projection's handler could not apply, parked so that the projection goes on with the next event: one
 * document per event and generation in {@code projection_dead_letters}, with the event's place and the cause. Like
 * Axon's sequenced dead-letter queue, a parked event also parks every later event of the same aggregate, which would
 * otherwise be applied to a state that lacks it. A rebuild of the projection, after the cause is fixed, handles them
 * all again.
 */
final class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    static final String COLLECTION = "projection_dead_letters";

    private final MongoCollection<Document> letters;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();

    DeadLetters(MongoCollection<Document> letters, MeterRegistry meters, Clock clock) {
        this.letters = letters;
        this.meters = meters;
        this.clock = clock;
    }

    /** A parked event as the API shows it. */
    record Letter(String projection, int generation, long globalIndex, String eventId, String aggregateId,
                  Long sequence, String type, String cause, Long after, Instant parkedAt) {
    }

    /** The guard of one generation, with what it has parked so far, read once when its work starts. */
    Guard guard(String projection, int generation) {
        Guard guard = new Guard(projection, generation);
        for (Document letter : letters.find(generation(projection, generation))) {
            guard.add(letter.get("globalIndex", Number.class).longValue(), letter.getString("aggregateId"));
        }
        return guard;
    }

    /**
     * Hands a generation's events to its handler, passing over those it has parked and parking those the handler
     * fails on, with the events of the same aggregate after them. A first pass uses one guard per generation, a
     * processor one per claimed segment (read afresh at each claim), each from one thread at a time.
     */
    final class Guard {
        private final String projection;
        private final int generation;
        private final Set<Long> indexes = ConcurrentHashMap.newKeySet();
        /** The first parked event of each aggregate, which parked the ones after it. */
        private final Map<String, Long> firstOfAggregate = new ConcurrentHashMap<>();

        private Guard(String projection, int generation) {
            this.projection = projection;
            this.generation = generation;
        }

        /**
         * Applies the event through the handler unless it is parked or follows a parked event of its aggregate.
         * When the handler fails on it, whatever the failure, the event is parked and {@link Worker.Restart} is
         * thrown: the runner starts again before it with a fresh handler, since the failure may have left the batch
         * and the handler's caches half changed, and this time passes the event over. A failure to read from the
         * database is not the event's: it is thrown as it is.
         */
        void handle(Projection.Handler handler, TrackedEventMessage<?> event, ProjectionBatch batch) {
            long index = RecordTime.globalIndex(event);
            if (indexes.contains(index)) {
                return;
            }
            String aggregate = aggregate(event);
            // Earlier by place in the stream: after a failure the work starts again before the failed event, and
            // the aggregate's events that came first are applied as usual.
            Long first = aggregate == null ? null : firstOfAggregate.get(aggregate);
            if (first != null && first < index) {
                park(event, "an earlier event of its aggregate is parked", first);
                return;
            }
            try {
                handler.handle(event, batch);
            } catch (RuntimeException | Error e) {
                if (!isTheEvents(e)) {
                    throw e;
                }
                parkFailed(event, e);
                throw new Worker.Restart();
            }
        }

        /** Logged once with the event's place and cause, counted, and stored before the projection goes on. */
        private void parkFailed(TrackedEventMessage<?> event, Throwable cause) {
            failures.computeIfAbsent(projection, p -> Counter.builder("ledger.projection.failures")
                                                             .tag("projection", p)
                                                             .description("events a projection's handler failed on")
                                                             .register(meters)).increment();
            log.error("Projection {} (generation {}) could not apply the event at global index {} ({} of {}); it is "
                              + "parked, with every later event of its aggregate, and the projection goes on without "
                              + "them. Fix the cause, then retry them (POST /api/projections/{}/dead-letters/retry).",
                      projection, generation, RecordTime.globalIndex(event), event.getPayloadType().getSimpleName(),
                      aggregate(event), projection, cause);
            park(event, describe(cause), null);
        }

        private void park(TrackedEventMessage<?> event, String cause, Long after) {
            long index = RecordTime.globalIndex(event);
            String aggregate = aggregate(event);
            String id = projection + "|g" + generation + "|" + index;
            Document letter = new Document("_id", id).append("projection", projection)
                                                     .append("generation", generation)
                                                     .append("globalIndex", index)
                                                     .append("eventId", event.getIdentifier())
                                                     .append("aggregateId", aggregate)
                                                     .append("sequence", event instanceof DomainEventMessage<?> d
                                                             ? d.getSequenceNumber() : null)
                                                     .append("type", event.getPayloadType().getSimpleName())
                                                     .append("cause", cause).append("after", after)
                                                     .append("parkedAt", clock.instant().toString());
            letters.replaceOne(Filters.eq("_id", id), letter, new ReplaceOptions().upsert(true));
            add(index, aggregate);
        }

        private void add(long index, String aggregate) {
            indexes.add(index);
            if (aggregate != null) {
                firstOfAggregate.merge(aggregate, index, Math::min);
            }
        }
    }

    /** A generation's letters in the order of the event stream, at most {@code limit} of them. */
    List<Letter> list(String projection, int generation, int limit) {
        List<Letter> list = new ArrayList<>();
        for (Document d : letters.find(generation(projection, generation)).sort(Sorts.ascending("globalIndex"))
                                 .limit(limit)) {
            list.add(new Letter(d.getString("projection"), d.getInteger("generation"),
                                d.get("globalIndex", Number.class).longValue(), d.getString("eventId"),
                                d.getString("aggregateId"), d.get("sequence") == null ? null
                                        : d.get("sequence", Number.class).longValue(), d.getString("type"),
                                d.getString("cause"), d.get("after") == null ? null
                                        : d.get("after", Number.class).longValue(),
                                Instant.parse(d.getString("parkedAt"))));
        }
        return list;
    }

    /** How many events a generation has parked. */
    int count(String projection, int generation) {
        return (int) letters.countDocuments(generation(projection, generation));
    }

    /** Forgets a generation's letters, when the generation itself is dropped. */
    void drop(String projection, int generation) {
        letters.deleteMany(generation(projection, generation));
    }

    private static Bson generation(String projection, int generation) {
        return Filters.and(Filters.eq("projection", projection), Filters.eq("generation", generation));
    }

    private static String aggregate(TrackedEventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
    }

    /** The cause's type and message, cut short: a message may quote the event's values at length. */
    static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getName() + (message == null ? "" : ": " + Check.excerpt(message));
    }

    /**
     * Whether a failure lies with the event rather than with the database: a read that failed (a connection lost)
     * is retried by restarting the projection, never parked.
     */
    static boolean isTheEvents(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof com.mongodb.MongoException) {
                return false;
            }
        }
        return !(failure instanceof InterruptedException);
    }
}
