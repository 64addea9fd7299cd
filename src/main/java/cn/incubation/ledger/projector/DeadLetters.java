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

    /** What one generation has parked: the events' global indexes, and the first parked of each aggregate. */
    static final class Parked {
        private final Set<Long> indexes = ConcurrentHashMap.newKeySet();
        private final Map<String, Long> firstOfAggregate = new ConcurrentHashMap<>();

        boolean contains(long index) {
            return indexes.contains(index);
        }

        /**
         * Whether an earlier event of this event's aggregate is parked. Earlier by place in the stream: after a
         * failure the work starts again before it, and the aggregate's events that came first are applied as usual.
         */
        boolean followsParked(TrackedEventMessage<?> event) {
            if (!(event instanceof DomainEventMessage<?> domain)) {
                return false;
            }
            Long first = firstOfAggregate.get(domain.getAggregateIdentifier());
            return first != null && first < RecordTime.globalIndex(event);
        }

        /** The first parked event of an aggregate, which parked the ones after it. */
        Long firstOf(String aggregate) {
            return aggregate == null ? null : firstOfAggregate.get(aggregate);
        }

        int size() {
            return indexes.size();
        }

        private void add(long index, String aggregate) {
            indexes.add(index);
            if (aggregate != null) {
                firstOfAggregate.merge(aggregate, index, Math::min);
            }
        }
    }

    /** A parked event as the API shows it. */
    record Letter(String projection, int generation, long globalIndex, String eventId, String aggregateId,
                  Long sequence, String type, String cause, Long after, Instant parkedAt) {
    }

    /** What a generation has parked so far, read once when its work starts. */
    Parked load(String projection, int generation) {
        Parked parked = new Parked();
        for (Document letter : letters.find(generation(projection, generation))) {
            parked.add(letter.get("globalIndex", Number.class).longValue(), letter.getString("aggregateId"));
        }
        return parked;
    }

    /**
     * Parks an event whose handling failed: logged once with its place and cause, counted, and stored before the
     * projection goes on without it.
     */
    void parkFailed(String projection, int generation, Parked parked, TrackedEventMessage<?> event,
                    Throwable cause) {
        failures.computeIfAbsent(projection, p -> Counter.builder("ledger.projection.failures")
                                                         .tag("projection", p)
                                                         .description("events a projection's handler failed on")
                                                         .register(meters)).increment();
        log.error("Projection {} (generation {}) could not apply the event at global index {} ({} of {}); it is "
                          + "parked, with every later event of its aggregate, and the projection goes on without "
                          + "them. Fix the cause, then retry them (POST /api/projections/{}/dead-letters/retry).",
                  projection, generation, RecordTime.globalIndex(event), event.getPayloadType().getSimpleName(),
                  aggregate(event), projection, cause);
        park(projection, generation, parked, event, describe(cause), null);
    }

    /** Parks an event because an earlier event of its aggregate is parked. */
    void parkFollower(String projection, int generation, Parked parked, TrackedEventMessage<?> event) {
        park(projection, generation, parked, event, "an earlier event of its aggregate is parked",
             parked.firstOf(aggregate(event)));
    }

    private void park(String projection, int generation, Parked parked, TrackedEventMessage<?> event, String cause,
                      Long after) {
        long index = RecordTime.globalIndex(event);
        String aggregate = aggregate(event);
        String id = projection + "|g" + generation + "|" + index;
        Document letter = new Document("_id", id).append("projection", projection).append("generation", generation)
                                                 .append("globalIndex", index)
                                                 .append("eventId", event.getIdentifier())
                                                 .append("aggregateId", aggregate)
                                                 .append("sequence", event instanceof DomainEventMessage<?> d
                                                         ? d.getSequenceNumber() : null)
                                                 .append("type", event.getPayloadType().getSimpleName())
                                                 .append("cause", cause).append("after", after)
                                                 .append("parkedAt", clock.instant().toString());
        letters.replaceOne(Filters.eq("_id", id), letter, new ReplaceOptions().upsert(true));
        parked.add(index, aggregate);
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
