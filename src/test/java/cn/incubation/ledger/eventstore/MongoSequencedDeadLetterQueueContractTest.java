package cn.incubation.ledger.eventstore;

import cn.incubation.ledger.mongo.EmbeddedMongo;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueueTest;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Axon's own contract tests of a sequenced dead-letter queue, run unmodified against the MongoDB queue on the embedded
 * server over TCP.
 */
class MongoSequencedDeadLetterQueueContractTest extends SequencedDeadLetterQueueTest<EventMessage<?>> {

    private static final int MAX = 64;
    private static final String GROUP = "contract@g1";

    private MongoDatabase database;

    @Override
    protected SequencedDeadLetterQueue<EventMessage<?>> buildTestSubject() {
        database = EmbeddedMongo.freshDatabase();
        return MongoSequencedDeadLetterQueue.builder()
                                            .collection(database.getCollection(MongoSequencedDeadLetterQueue.COLLECTION))
                                            .processingGroup(GROUP)
                                            .serializer(JacksonSerializer.defaultSerializer())
                                            .maxSequences(MAX)
                                            .maxSequenceSize(MAX)
                                            .build();
    }

    @AfterEach
    void dropDatabase() {
        GenericDeadLetter.clock = Clock.systemUTC();
        database.drop();
    }

    @Override
    protected long maxSequences() {
        return MAX;
    }

    @Override
    protected long maxSequenceSize() {
        return MAX;
    }

    @Override
    protected DeadLetter<EventMessage<?>> generateInitialLetter() {
        return new GenericDeadLetter<>("sequenceIdentifier", generateEvent(), generateThrowable());
    }

    @Override
    protected DeadLetter<EventMessage<?>> generateFollowUpLetter() {
        return new GenericDeadLetter<>("sequenceIdentifier", generateEvent());
    }

    /** A letter as the queue would hand it out, for the tests that evict or requeue one it never held. */
    @Override
    protected DeadLetter<EventMessage<?>> mapToQueueImplementation(DeadLetter<EventMessage<?>> letter) {
        return new MongoSequencedDeadLetterQueue.StoredLetter(GROUP + "|" + letter.message().getIdentifier(), 0,
                                                              ((GenericDeadLetter<?>) letter).getSequenceIdentifier().toString(),
                                                              letter.message(), letter.cause().orElse(null),
                                                              letter.enqueuedAt(), letter.lastTouched(),
                                                              letter.diagnostics(), null);
    }

    @Override
    protected void setClock(Clock clock) {
        GenericDeadLetter.clock = clock;
    }

    /** A letter read back is a new message object: compared by what it holds. */
    @Override
    protected void assertLetter(DeadLetter<? extends EventMessage<?>> expected,
                                DeadLetter<? extends EventMessage<?>> actual) {
        assertThat(actual.message().getIdentifier()).isEqualTo(expected.message().getIdentifier());
        assertThat(actual.message().getPayload()).isEqualTo(expected.message().getPayload());
        assertThat(actual.message().getMetaData()).isEqualTo(expected.message().getMetaData());
        assertThat(actual.message().getTimestamp()).isEqualTo(expected.message().getTimestamp());
        assertThat(actual.cause()).isEqualTo(expected.cause());
        assertThat(actual.enqueuedAt()).isEqualTo(expected.enqueuedAt());
        assertThat(actual.lastTouched()).isEqualTo(expected.lastTouched());
        assertThat(actual.diagnostics()).isEqualTo(expected.diagnostics());
    }
}
