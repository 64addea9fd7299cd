package cn.incubation.ledger.web;

import cn.incubation.ledger.shared.Accepted;
import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.web.IdempotencyStore.Answer;
import cn.incubation.ledger.web.IdempotencyStore.Entry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Sends a command from an HTTP request through Axon, with what the events must remember of the request (actor,
 * idempotency key, correlation id) and with the request's conditions: {@code Idempotency-Key} answers a repeat with
 * the first answer, {@code If-Match} makes the command conditional on the aggregate's version.
 */
@Component
class CommandDispatcher {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String CORRELATION_ID = "X-Correlation-Id";
    /** Marks an answer given again for a repeated idempotency key: the command was not applied a second time. */
    static final String REPLAYED = "Idempotent-Replayed";

    /** A reservation older than this without an answer belongs to a request that died; a retry may take it. */
    static final Duration ABANDONED = Duration.ofSeconds(60);

    private static final Pattern HEADER_VALUE = Pattern.compile("[\\x21-\\x7e]{1,200}");

    private final CommandGateway commandGateway;
    private final IdempotencyStore idempotency;
    private final ObjectMapper objectMapper;
    private final Clock clock;

    CommandDispatcher(CommandGateway commandGateway, IdempotencyStore idempotency, ObjectMapper objectMapper,
                      Clock clock) {
        this.commandGateway = commandGateway;
        this.idempotency = idempotency;
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    /** The request's conditions and identity, read from its headers. */
    record Conditions(String idempotencyKey, Long expectedVersion, String correlationId) {

        /** An id for something the command creates: random, or derived from the idempotency key so a retry after a
         * crash names the same thing and cannot create it twice. */
        String newId(String prefix) {
            UUID uuid = idempotencyKey == null ? UUID.randomUUID()
                    : UUID.nameUUIDFromBytes((prefix + ":" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
            return prefix + "-" + uuid;
        }
    }

    Conditions conditions(HttpServletRequest request) {
        String key = header(request, IDEMPOTENCY_KEY);
        String correlationId = header(request, CORRELATION_ID);
        return new Conditions(key, expectedVersion(request.getHeader(HttpHeaders.IF_MATCH)),
                              correlationId != null ? correlationId : UUID.randomUUID().toString());
    }

    /**
     * Sends {@code command} built for {@code body} and answers 200, or 201 with a Location when {@code created}
     * gives the path of what the command created.
     *
     * @param target the field and value naming the aggregate, for a 404 that says which one is unknown
     */
    ResponseEntity<Accepted> send(HttpServletRequest request, Conditions conditions, Object body, Object command,
                                  String targetField, String targetId, Function<Accepted, String> created) {
        String key = conditions.idempotencyKey();
        if (key == null) {
            return respond(conditions, execute(conditions, command, targetField, targetId, created));
        }
        String fingerprint = fingerprint(request, body);
        Instant now = clock.instant();
        while (!idempotency.reserve(key, fingerprint, now)) {
            Entry entry = idempotency.find(key).orElse(null);
            if (entry == null) {
                continue;
            }
            if (!entry.fingerprint().equals(fingerprint)) {
                throw LedgerRejection.conflict(IDEMPOTENCY_KEY, key, "was already used with a different request; "
                        + "use a new key for a new request");
            }
            if (entry.answer() != null) {
                return ResponseEntity.status(entry.answer().status())
                                     .headers(respond(conditions, entry.answer()).getHeaders())
                                     .header(REPLAYED, "true")
                                     .body(entry.answer().body());
            }
            if (entry.reservedAt().plus(ABANDONED).isAfter(now) || !idempotency.takeOver(entry, now)) {
                throw LedgerRejection.conflict(IDEMPOTENCY_KEY, key, "a request with this key is still being "
                        + "processed; retry in a moment");
            }
            break;
        }
        Answer answer;
        try {
            answer = execute(conditions, command, targetField, targetId, created);
        } catch (RuntimeException e) {
            idempotency.release(key, fingerprint);
            throw e;
        }
        idempotency.complete(key, answer);
        return respond(conditions, answer);
    }

    private Answer execute(Conditions conditions, Object command, String targetField, String targetId,
                           Function<Accepted, String> created) {
        MetaData metaData = MetaData.from(Map.of("actor", "anonymous", "correlationId", conditions.correlationId()));
        if (conditions.idempotencyKey() != null) {
            metaData = metaData.and("idempotencyKey", conditions.idempotencyKey());
        }
        Accepted accepted;
        try {
            accepted = commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                                                                       .andMetaData(metaData));
        } catch (AggregateNotFoundException e) {
            throw LedgerRejection.notFound(targetField, targetId, "nothing with this id is in the ledger");
        }
        String location = created == null ? null : ServletUriComponentsBuilder.fromCurrentContextPath()
                                                                               .path(created.apply(accepted))
                                                                               .toUriString();
        return new Answer(location == null ? 200 : 201, location, accepted);
    }

    private static ResponseEntity<Accepted> respond(Conditions conditions, Answer answer) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(answer.status())
                                                           .eTag(Long.toString(answer.body().version()))
                                                           .header(CORRELATION_ID, conditions.correlationId());
        if (answer.location() != null) {
            builder.header(HttpHeaders.LOCATION, answer.location());
        }
        return builder.body(answer.body());
    }

    private String fingerprint(HttpServletRequest request, Object body) {
        try {
            String canonical = request.getMethod() + " " + request.getRequestURI() + " "
                    + objectMapper.writeValueAsString(body);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                                                         .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint the request", e);
        }
    }

    private static String header(HttpServletRequest request, String name) {
        String value = request.getHeader(name);
        if (value == null) {
            return null;
        }
        if (!HEADER_VALUE.matcher(value).matches()) {
            throw LedgerRejection.invalid(name, value, "must be 1 to 200 visible ASCII characters");
        }
        return value;
    }

    /** {@code If-Match} names a version as the ETag the ledger sent: {@code 3} or {@code "3"}. */
    private static Long expectedVersion(String ifMatch) {
        if (ifMatch == null) {
            return null;
        }
        String value = ifMatch.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            long version = Long.parseLong(value);
            if (version >= 0) {
                return version;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw LedgerRejection.invalid(HttpHeaders.IF_MATCH, ifMatch, "must be an aggregate version such as 3, the "
                + "ETag of a previous answer");
    }
}
