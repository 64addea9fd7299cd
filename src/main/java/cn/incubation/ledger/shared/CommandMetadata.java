package cn.incubation.ledger.shared;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;

import java.util.HashMap;
import java.util.Map;

/**
 * The metadata a command carries and its events inherit: who asked, under which idempotency key, in which request,
 * and, for history loaded from elsewhere, when the ledger's source learned the fact. The one place these keys are
 * spelled.
 */
public final class CommandMetadata {

    /** The authenticated user who issued the command. */
    public static final String ACTOR = "actor";
    /** The client's {@code Idempotency-Key}, when it gave one. */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    /** The request's correlation id, as in the logs. */
    public static final String CORRELATION_ID = "correlationId";
    /** A record time earlier than the event's own timestamp (history loaded from another system, the demo). */
    public static final String RECORDED_AT = "recordedAt";

    /** What every event copies from the command that caused it. */
    public static final String[] INHERITED = {ACTOR, IDEMPOTENCY_KEY, CORRELATION_ID, RECORDED_AT};

    private CommandMetadata() {
    }

    /** A command's metadata; {@code idempotencyKey} and {@code recordedAt} may be null (absent). */
    public static MetaData of(String actor, String correlationId, String idempotencyKey, String recordedAt) {
        Map<String, Object> values = new HashMap<>();
        values.put(ACTOR, actor);
        values.put(CORRELATION_ID, correlationId);
        if (idempotencyKey != null) {
            values.put(IDEMPOTENCY_KEY, idempotencyKey);
        }
        if (recordedAt != null) {
            values.put(RECORDED_AT, recordedAt);
        }
        return MetaData.from(values);
    }

    /** Who issued the message's command, or null when nobody is named. */
    public static String actor(Message<?> message) {
        Object actor = message.getMetaData().get(ACTOR);
        return actor == null ? null : actor.toString();
    }
}
