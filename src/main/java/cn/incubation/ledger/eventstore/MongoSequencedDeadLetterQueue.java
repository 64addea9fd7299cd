package cn.incubation.ledger.eventstore;

import cn.incubation.ledger.mongo.MongoInserts;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.DeadLetterQueueOverflowException;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.NoSuchDeadLetterException;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.deadletter.WrongDeadLetterTypeException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Axon's {@link SequencedDeadLetterQueue} on MongoDB, for one processing group: a letter per event under
 * {@code <group>|<event id>} in one collection shared by all groups, ordered within its sequence by an index, the
 * message kept as Axon serializes it. Enqueuing an event already held is a no-op, so a batch handled again after a
 * restart parks nothing twice.
 * <p>
 * Whether a sequence is held is asked for every event a processor handles: the queue keeps the sequences it holds in
 * memory, read when it is made and again by {@link #refresh()} (a processor calls it when it claims a segment, after
 * which only this node writes the segment's sequences), and confirms a hit with one query.
 * <p>
 * A sequence holds the events of the stream from its first letter on: an event that comes before that letter in the
 * stream ({@link #enqueueIfPresent}) is not held back by it. A processor that starts a batch again after parking an
 * event meets the events of the same aggregate that preceded it once more, and applies them as it did the first time.
 */
public final class MongoSequencedDeadLetterQueue implements SequencedDeadLetterQueue<EventMessage<?>> {

    /** The collection of every group's letters. */
    public static final String COLLECTION = "dead_letters";

    private final MongoCollection<Document> letters;
    private final String group;
    private final Serializer serializer;
    private final long maxSequences;
    private final long maxSequenceSize;
    private final Duration claimDuration;
    /** The sequences held, each with the stream position of its first letter (none for untracked messages). */
    private final Map<String, Long> sequences = new ConcurrentHashMap<>();

    private MongoSequencedDeadLetterQueue(Builder builder) {
        this.letters = builder.letters;
        this.group = builder.group;
        this.serializer = builder.serializer;
        this.maxSequences = builder.maxSequences;
        this.maxSequenceSize = builder.maxSequenceSize;
        this.claimDuration = builder.claimDuration;
        refresh();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The processing group whose letters this queue holds. */
    public String group() {
        return group;
    }

    /** Reads again which sequences the group holds, taking in those another node parked. */
    public void refresh() {
        Map<String, Long> held = new HashMap<>();
        letters.find(inGroup()).projection(Projections.include("s", "p"))
               .forEach(d -> held.merge(d.getString("s"), position(d), Math::min));
        // Only added to: a sequence this node parked meanwhile must not be dropped by a read that came before it.
        held.forEach((sequence, first) -> sequences.merge(sequence, first, Math::min));
    }

    /**
     * Parks the letter behind those of its sequence, unless the sequence is not held or the letter's event comes
     * before the sequence's first letter in the stream.
     */
    @Override
    public boolean enqueueIfPresent(Object sequenceIdentifier,
                                    Supplier<DeadLetter<? extends EventMessage<?>>> letterBuilder) {
        if (!contains(sequenceIdentifier)) {
            return false;
        }
        DeadLetter<? extends EventMessage<?>> letter = letterBuilder.get();
        Long first = sequences.get(sequenceIdentifier.toString());
        Long position = position(letter.message());
        if (position != null && first != null && first != Long.MAX_VALUE && position < first) {
            return false;
        }
        enqueue(sequenceIdentifier, letter);
        return true;
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter)
            throws DeadLetterQueueOverflowException {
        String sequence = sequenceIdentifier.toString();
        if (isFull(sequence)) {
            throw new DeadLetterQueueOverflowException("No room left to enqueue [" + letter.message().getIdentifier()
                                                       + "] for sequence [" + sequence + "] of " + group
                                                       + ": the queue is full");
        }
        EventMessage<?> message = letter.message();
        Document last = letters.find(inSequence(sequence)).sort(Sorts.descending("i")).limit(1)
                               .projection(Projections.include("i")).first();
        Document document = new Document("_id", letterId(message.getIdentifier()))
                .append("g", group)
                .append("s", sequence)
                .append("i", last == null ? 0L : last.get("i", Number.class).longValue() + 1)
                .append("p", position(message))
                .append("m", messageDocument(message))
                .append("enqueuedAt", letter.enqueuedAt().toString())
                .append("lastTouched", letter.lastTouched().toString())
                .append("diagnostics", bytes(serializer.serialize(letter.diagnostics(), byte[].class)));
        letter.cause().ifPresent(cause -> document.append("cause", causeDocument(cause)));
        // Taken: the event was parked before, by a batch that was handled again, and keeps its first letter.
        MongoInserts.insertUnlessTaken(letters, document);
        Long position = position(message);
        sequences.merge(sequence, position == null ? Long.MAX_VALUE : position, Math::min);
    }

    @Override
    public void evict(DeadLetter<? extends EventMessage<?>> letter) {
        StoredLetter stored = stored(letter);
        letters.deleteOne(Filters.and(Filters.eq("_id", stored.id), inGroup()));
        forgetIfEmpty(stored.getSequenceIdentifier().toString());
    }

    @Override
    public void requeue(DeadLetter<? extends EventMessage<?>> letter,
                        UnaryOperator<DeadLetter<? extends EventMessage<?>>> letterUpdater)
            throws NoSuchDeadLetterException {
        StoredLetter stored = stored(letter);
        DeadLetter<? extends EventMessage<?>> updated = letterUpdater.apply(letter).markTouched();
        List<Bson> changes = new ArrayList<>(List.of(
                Updates.set("lastTouched", updated.lastTouched().toString()),
                Updates.set("diagnostics", bytes(serializer.serialize(updated.diagnostics(), byte[].class))),
                Updates.unset("claimedAt")));
        changes.add(updated.cause().map(c -> Updates.set("cause", causeDocument(c))).orElse(Updates.unset("cause")));
        if (letters.updateOne(Filters.and(Filters.eq("_id", stored.id), inGroup()), Updates.combine(changes))
                   .getMatchedCount() == 0) {
            throw new NoSuchDeadLetterException("No dead letter " + stored.id + " to requeue in " + group);
        }
    }

    @Override
    public boolean contains(Object sequenceIdentifier) {
        String sequence = sequenceIdentifier.toString();
        if (!sequences.containsKey(sequence)) {
            return false;
        }
        if (letters.find(inSequence(sequence)).projection(Projections.include("_id")).first() != null) {
            return true;
        }
        sequences.remove(sequence);
        return false;
    }

    @Override
    public Iterable<DeadLetter<? extends EventMessage<?>>> deadLetterSequence(Object sequenceIdentifier) {
        List<DeadLetter<? extends EventMessage<?>>> sequence = new ArrayList<>();
        letters.find(inSequence(sequenceIdentifier.toString())).sort(Sorts.ascending("i"))
               .forEach(d -> sequence.add(letter(d)));
        return sequence;
    }

    @Override
    public Iterable<Iterable<DeadLetter<? extends EventMessage<?>>>> deadLetters() {
        Map<String, List<DeadLetter<? extends EventMessage<?>>>> bySequence = new LinkedHashMap<>();
        List<Document> all = letters.find(inGroup()).into(new ArrayList<>());
        all.sort(Comparator.comparing((Document d) -> d.getString("s"))
                           .thenComparingLong(d -> d.get("i", Number.class).longValue()));
        for (Document d : all) {
            bySequence.computeIfAbsent(d.getString("s"), s -> new ArrayList<>()).add(letter(d));
        }
        return new ArrayList<>(bySequence.values());
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        if (maxSequences == Long.MAX_VALUE && maxSequenceSize == Long.MAX_VALUE) {
            return false;
        }
        long inSequence = sequenceSize(sequenceIdentifier);
        return inSequence > 0 ? inSequence >= maxSequenceSize : amountOfSequences() >= maxSequences;
    }

    @Override
    public long size() {
        return letters.countDocuments(inGroup());
    }

    @Override
    public long sequenceSize(Object sequenceIdentifier) {
        return letters.countDocuments(inSequence(sequenceIdentifier.toString()));
    }

    @Override
    public long amountOfSequences() {
        return letters.distinct("s", inGroup(), String.class).into(new ArrayList<>()).size();
    }

    /**
     * Processes the first sequence, by the time its first letter was last touched, that the filter accepts and this
     * node can claim: its letters in order, each evicted when the task handled it, until one is to stay (it is then
     * requeued with the task's cause and diagnostics, and the sequence released).
     */
    @Override
    public boolean process(Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter,
                           Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> task) {
        for (StoredLetter first : firstOfEachSequence()) {
            if (sequenceFilter.test(first) && claim(first)) {
                return processFrom(first, task);
            }
        }
        return false;
    }

    @Override
    public void clear() {
        letters.deleteMany(inGroup());
        sequences.clear();
    }

    private boolean processFrom(StoredLetter first,
                                Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> task) {
        StoredLetter letter = first;
        while (letter != null) {
            EnqueueDecision<EventMessage<?>> decision = task.apply(letter);
            if (decision.shouldEnqueue()) {
                requeue(letter, l -> decision.withDiagnostics(l).withCause(decision.enqueueCause().orElse(null)));
                return false;
            }
            StoredLetter handled = letter;
            Document next = letters.find(Filters.and(inSequence(handled.getSequenceIdentifier().toString()),
                                                     Filters.gt("i", handled.index)))
                                   .sort(Sorts.ascending("i")).limit(1).first();
            letter = next == null ? null : letter(next);
            if (letter != null) {
                claim(letter);
            }
            evict(handled);
        }
        return true;
    }

    private List<StoredLetter> firstOfEachSequence() {
        Instant claimable = GenericDeadLetter.clock.instant().minus(claimDuration);
        Map<String, StoredLetter> first = new LinkedHashMap<>();
        for (Document d : letters.find(inGroup())) {
            StoredLetter letter = letter(d);
            first.merge(d.getString("s"), letter, (a, b) -> a.index <= b.index ? a : b);
        }
        return first.values().stream()
                    .filter(l -> l.claimedAt == null || l.claimedAt.isBefore(claimable))
                    .sorted(Comparator.comparing(StoredLetter::lastTouched))
                    .toList();
    }

    private boolean claim(StoredLetter letter) {
        Instant now = GenericDeadLetter.clock.instant();
        Bson unclaimed = Filters.or(Filters.exists("claimedAt", false),
                                    Filters.lt("claimedAt", now.minus(claimDuration).toEpochMilli()));
        return letters.updateOne(Filters.and(Filters.eq("_id", letter.id), unclaimed),
                                 Updates.set("claimedAt", now.toEpochMilli())).getModifiedCount() > 0;
    }

    private void forgetIfEmpty(String sequence) {
        if (letters.find(inSequence(sequence)).projection(Projections.include("_id")).first() == null) {
            sequences.remove(sequence);
        }
    }

    /** The event's place in the stream, from its tracking token; null for a message that has none. */
    private static Long position(EventMessage<?> message) {
        if (message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            OptionalLong position = tracked.trackingToken().position();
            return position.isPresent() ? position.getAsLong() : null;
        }
        return null;
    }

    private static long position(Document letter) {
        Number position = letter.get("p", Number.class);
        return position == null ? Long.MAX_VALUE : position.longValue();
    }

    private StoredLetter stored(DeadLetter<? extends EventMessage<?>> letter) {
        if (letter instanceof StoredLetter stored) {
            return stored;
        }
        throw new WrongDeadLetterTypeException("Expected a letter read from this queue, got a "
                                               + letter.getClass().getName());
    }

    private Bson inGroup() {
        return Filters.eq("g", group);
    }

    private Bson inSequence(String sequence) {
        return Filters.and(inGroup(), Filters.eq("s", sequence));
    }

    private String letterId(String messageIdentifier) {
        return group + "|" + messageIdentifier;
    }

    private Document messageDocument(EventMessage<?> message) {
        SerializedObject<byte[]> payload = serializer.serialize(message.getPayload(), byte[].class);
        Document document = new Document("id", message.getIdentifier())
                .append("type", payload.getType().getName())
                .append("revision", payload.getType().getRevision())
                .append("payload", bytes(payload))
                .append("metaData", bytes(serializer.serialize(message.getMetaData(), byte[].class)))
                .append("timestamp", message.getTimestamp().toString());
        if (message instanceof DomainEventMessage<?> domain) {
            document.append("aggregateType", domain.getType())
                    .append("aggregateId", domain.getAggregateIdentifier())
                    .append("sequence", domain.getSequenceNumber());
        }
        if (message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            SerializedObject<byte[]> token = serializer.serialize(tracked.trackingToken(), byte[].class);
            document.append("tokenType", token.getType().getName()).append("token", bytes(token));
        }
        return document;
    }

    private StoredLetter letter(Document d) {
        Document m = d.get("m", Document.class);
        Object payload = serializer.deserialize(serialized(m, "payload", m.getString("type"),
                                                           m.getString("revision")));
        MetaData metaData = serializer.deserialize(serialized(m, "metaData", MetaData.class.getName(), null));
        Message<Object> message = new GenericMessage<>(m.getString("id"), payload, metaData);
        Instant timestamp = Instant.parse(m.getString("timestamp"));
        TrackingToken token = m.containsKey("token")
                ? serializer.deserialize(serialized(m, "token", m.getString("tokenType"), null)) : null;
        EventMessage<Object> event;
        if (m.containsKey("aggregateId")) {
            long sequence = m.get("sequence", Number.class).longValue();
            event = token == null
                    ? new GenericDomainEventMessage<>(m.getString("aggregateType"), m.getString("aggregateId"),
                                                      sequence, message, () -> timestamp)
                    : new GenericTrackedDomainEventMessage<>(token, m.getString("aggregateType"),
                                                             m.getString("aggregateId"), sequence, message,
                                                             () -> timestamp);
        } else {
            event = token == null ? new GenericEventMessage<>(message, () -> timestamp)
                    : new GenericTrackedEventMessage<>(token, message, () -> timestamp);
        }
        Document cause = d.get("cause", Document.class);
        MetaData diagnostics = serializer.deserialize(serialized(d, "diagnostics", MetaData.class.getName(), null));
        Number claimedAt = d.get("claimedAt", Number.class);
        return new StoredLetter(d.getString("_id"), d.get("i", Number.class).longValue(), d.getString("s"), event,
                                cause == null ? null : new ThrowableCause(cause.getString("type"),
                                                                          cause.getString("message")),
                                Instant.parse(d.getString("enqueuedAt")), Instant.parse(d.getString("lastTouched")),
                                diagnostics, claimedAt == null ? null : Instant.ofEpochMilli(claimedAt.longValue()));
    }

    private static SimpleSerializedObject<byte[]> serialized(Document d, String field, String type, String revision) {
        return new SimpleSerializedObject<>(d.get(field, Binary.class).getData(), byte[].class, type, revision);
    }

    private static Binary bytes(SerializedObject<byte[]> serialized) {
        return new Binary(serialized.getData());
    }

    private static Document causeDocument(Cause cause) {
        return new Document("type", cause.type()).append("message", cause.message());
    }

    /** A letter as this queue stores it: its id and place in the sequence, and when a processor claimed it. */
    static final class StoredLetter extends GenericDeadLetter<EventMessage<?>> {
        private final String id;
        private final long index;
        private final Instant claimedAt;

        StoredLetter(String id, long index, String sequence, EventMessage<?> message, Cause cause, Instant enqueuedAt,
                     Instant lastTouched, MetaData diagnostics, Instant claimedAt) {
            super(sequence, message, cause, enqueuedAt, lastTouched, diagnostics);
            this.id = id;
            this.index = index;
            this.claimedAt = claimedAt;
        }
    }

    /** Builds a queue for one processing group; the collection, group and serializer are required. */
    public static final class Builder {
        private MongoCollection<Document> letters;
        private String group;
        private Serializer serializer;
        private long maxSequences = Long.MAX_VALUE;
        private long maxSequenceSize = Long.MAX_VALUE;
        private Duration claimDuration = Duration.ofSeconds(30);

        private Builder() {
        }

        public Builder collection(MongoCollection<Document> letters) {
            this.letters = letters;
            return this;
        }

        public Builder processingGroup(String group) {
            this.group = group;
            return this;
        }

        public Builder serializer(Serializer serializer) {
            this.serializer = serializer;
            return this;
        }

        /** Sequences the queue holds at most; unbounded by default, so that no number of bad events stops a group. */
        public Builder maxSequences(long maxSequences) {
            this.maxSequences = maxSequences;
            return this;
        }

        /** Letters one sequence holds at most; unbounded by default. */
        public Builder maxSequenceSize(long maxSequenceSize) {
            this.maxSequenceSize = maxSequenceSize;
            return this;
        }

        /** How long a sequence claimed for processing stays out of other processors' reach. */
        public Builder claimDuration(Duration claimDuration) {
            this.claimDuration = claimDuration;
            return this;
        }

        public MongoSequencedDeadLetterQueue build() {
            if (letters == null || group == null || group.isBlank() || serializer == null) {
                throw new IllegalStateException("A dead-letter queue needs a collection, a processing group and a "
                                                + "serializer");
            }
            return new MongoSequencedDeadLetterQueue(this);
        }
    }
}
