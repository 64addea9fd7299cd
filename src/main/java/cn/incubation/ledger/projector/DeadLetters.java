package cn.incubation.ledger.projector;

import cn.incubation.ledger.eventstore.MongoSequencedDeadLetterQueue;
import com.mongodb.client.MongoCollection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The events each generation of each projection parked, in Axon's sequenced dead-letter queue on MongoDB: one queue
 * per processor ({@code regional-totals@g2}), so a generation's letters go with it, and a rebuild, which handles every
 * event again in a new generation, starts with none.
 */
final class DeadLetters {

    private final MongoCollection<Document> collection;
    private final Serializer serializer;
    private final MeterRegistry meters;
    private final Map<String, MongoSequencedDeadLetterQueue> queues = new ConcurrentHashMap<>();
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();

    DeadLetters(MongoCollection<Document> collection, Serializer serializer, MeterRegistry meters) {
        this.collection = collection;
        this.serializer = serializer;
        this.meters = meters;
    }

    /** A parked event as the API shows it: {@code after} names the event that parked it, when it was not itself. */
    record Letter(long globalIndex, String eventId, String aggregateId, Long sequence, String type, String cause,
                  Long after, Instant parkedAt) {
    }

    /** The queue of one generation's processor, shared by everything that handles that generation on this node. */
    MongoSequencedDeadLetterQueue queue(String projection, int generation) {
        return queues.computeIfAbsent(ProjectionRun.processorName(projection, generation),
                                      group -> MongoSequencedDeadLetterQueue.builder().collection(collection)
                                                                            .processingGroup(group)
                                                                            .serializer(serializer).build());
    }

    /** A new handler of the projection's generation, which parks the events it fails on in the generation's queue. */
    ProjectionHandler handler(Projection projection, int generation, ProjectionStore store) {
        return new ProjectionHandler(ProjectionRun.processorName(projection.name(), generation),
                                     projection.open(store), queue(projection.name(), generation),
                                     failures(projection.name()));
    }

    /** Counts the events a projection's handler failed on, over all its generations. */
    Counter failures(String projection) {
        return failures.computeIfAbsent(projection, p -> Counter.builder("ledger.projection.failures")
                                                                .tag("projection", p)
                                                                .description("events a projection's handler failed on")
                                                                .register(meters));
    }

    /** A generation's letters in the order of the event stream, at most {@code limit} of them. */
    List<Letter> list(String projection, int generation, int limit) {
        List<Letter> list = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue(projection, generation).deadLetters()) {
            Long first = null;
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                EventMessage<?> event = letter.message();
                long index = RecordTime.globalIndex(event);
                if (first == null) {
                    first = index;
                }
                DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> d ? d : null;
                list.add(new Letter(index, event.getIdentifier(), domain == null ? null : domain.getAggregateIdentifier(),
                                    domain == null ? null : domain.getSequenceNumber(),
                                    event.getPayloadType().getSimpleName(),
                                    letter.cause().map(DeadLetters::describe).orElse(null),
                                    letter.cause().isPresent() ? null : first, letter.enqueuedAt()));
            }
        }
        list.sort(Comparator.comparingLong(Letter::globalIndex));
        return list.size() > limit ? list.subList(0, limit) : list;
    }

    /** How many events a generation has parked. */
    int count(String projection, int generation) {
        return (int) queue(projection, generation).size();
    }

    /** Forgets a generation's letters, when the generation itself is dropped. */
    void drop(String projection, int generation) {
        queue(projection, generation).clear();
        queues.remove(ProjectionRun.processorName(projection, generation));
    }

    private static String describe(Cause cause) {
        return cause.message() == null || cause.message().isEmpty() ? cause.type()
                : cause.type() + ": " + cause.message();
    }
}
