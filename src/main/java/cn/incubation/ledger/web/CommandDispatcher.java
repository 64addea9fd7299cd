package cn.incubation.ledger.web;

import cn.incubation.ledger.shared.CommandMetadata;
import cn.incubation.ledger.shared.Accepted;
import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.web.IdempotencyStore.Answer;
import cn.incubation.ledger.web.IdempotencyStore.Entry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.messaging.MetaData;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.beans.factory.annotation.Value;
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
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Sends a command from an HTTP request through Axon, with what the events must remember of the request (actor,
 * idempotency key, correlation id) and with the request's conditions: {@code Idempotency-Key} answers a repeat with
 * the first answer, {@code If-Match} makes the command conditional on the aggregate's version. A key belongs to the
 * user that sent it (two users may use the same key) and is forgotten after {@code ledger.api.idempotency-ttl}.
 */
@Component
class CommandDispatcher {

    /** Attempts at a command whose aggregate other commands keep changing under it. */
    static final int CONCURRENT_ATTEMPTS = 5;

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String CORRELATION_ID = CorrelationFilter.HEADER;
    /** Marks an answer given again for a repeated idempotency key: the command was not applied a second time. */
    static final String REPLAYED = "Idempotent-Replayed";

    /** A reservation older than this without an answer belongs to a request that died; a retry may take it. */
    static final Duration ABANDONED = Duration.ofSeconds(60);

    private static final Pattern HEADER_VALUE = Pattern.compile("[\\x21-\\x7e]{1,200}");

    private final CommandGateway commandGateway;
    private final IdempotencyStore idempotency;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final AggregateKinds kinds;
    private final Duration keyLifetime;

    CommandDispatcher(CommandGateway commandGateway, IdempotencyStore idempotency, ObjectMapper objectMapper,
                      Clock clock, AggregateKinds kinds,
                      @Value("${ledger.api.idempotency-ttl:30d}") Duration keyLifetime) {
        this.commandGateway = commandGateway;
        this.idempotency = idempotency;
        this.objectMapper = objectMapper;
        this.clock = clock;
        this.kinds = kinds;
        this.keyLifetime = keyLifetime;
    }

    /** The request's conditions and identity, read from its headers (the correlation id by the filter). */
    record Conditions(String idempotencyKey, Long expectedVersion, String correlationId, String actor) {

        /** The key as stored: the user's own, so that two users' keys never meet. */
        String scopedKey() {
            // A key is visible ASCII without spaces, so a space cannot be part of it.
            return actor + " " + idempotencyKey;
        }

        /** An id for something the command creates: random, or derived from the idempotency key so a retry after a
         * crash names the same thing and cannot create it twice. */
        String newId(String prefix) {
            UUID uuid = idempotencyKey == null ? UUID.randomUUID()
                    : UUID.nameUUIDFromBytes((prefix + ":" + scopedKey()).getBytes(StandardCharsets.UTF_8));
            return prefix + "-" + uuid;
        }
    }

    Conditions conditions(HttpServletRequest request) {
        String key = header(request, IDEMPOTENCY_KEY);
        return new Conditions(key, expectedVersion(request.getHeader(HttpHeaders.IF_MATCH)),
                              CorrelationFilter.of(request), actor(request));
    }

    /**
     * Sends a command that creates the aggregate {@code targetId} (a carrier, a tenant), answering 201 with the
     * Location {@code created} gives; an id already in use is a 409 that says whose it is.
     */
    ResponseEntity<Accepted> create(HttpServletRequest request, Conditions conditions, Object body, Object command,
                                    String targetField, String targetId, Function<Accepted, String> created) {
        return send(request, conditions, body, new Creation(command), targetField, targetId, created);
    }

    /** A command that creates its aggregate, which is asked for first. */
    private record Creation(Object command) {
    }

    /**
     * Sends {@code command} built for {@code body} and answers 200, or 201 with a Location when {@code created}
     * gives the path of what the command created.
     *
     * @param targetField the field naming the aggregate, for a 404 that says which one is unknown
     * @param targetId    the aggregate's id
     */
    ResponseEntity<Accepted> send(HttpServletRequest request, Conditions conditions, Object body, Object command,
                                  String targetField, String targetId, Function<Accepted, String> created) {
        if (conditions.idempotencyKey() == null) {
            return respond(conditions, execute(conditions, command, targetField, targetId, created));
        }
        String key = conditions.scopedKey();
        String fingerprint = fingerprint(request, body);
        Instant now = clock.instant();
        while (!idempotency.reserve(key, fingerprint, now)) {
            Entry entry = idempotency.find(key).orElse(null);
            if (entry == null) {
                continue;
            }
            if (entry.reservedAt().plus(keyLifetime).isBefore(now)) {
                // Forgotten: the key is free for a new request, as if it had never been used.
                if (idempotency.renew(entry, fingerprint, now)) {
                    break;
                }
                continue;
            }
            if (!entry.fingerprint().equals(fingerprint)) {
                throw LedgerRejection.conflict(IDEMPOTENCY_KEY, conditions.idempotencyKey(), "was already used with a "
                        + "different request; use a new key for a new request");
            }
            if (entry.answer() != null) {
                return ResponseEntity.status(entry.answer().status())
                                     .headers(respond(conditions, entry.answer()).getHeaders())
                                     .header(REPLAYED, "true")
                                     .body(entry.answer().body());
            }
            if (entry.reservedAt().plus(ABANDONED).isAfter(now) || !idempotency.takeOver(entry, now)) {
                throw LedgerRejection.conflict(IDEMPOTENCY_KEY, conditions.idempotencyKey(), "a request with this key "
                        + "is still being processed; retry in a moment");
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
        MetaData metaData = CommandMetadata.of(conditions.actor(), conditions.correlationId(),
                                               conditions.idempotencyKey(), null);
        if (command instanceof Creation creation) {
            command = creation.command();
            // Asked first, as one key lookup, so that an id in use costs no failed append (which would leave a
            // tombstone in the event stream); two creations racing for a new id are still settled by the store.
            String holder = kinds.describe(targetId);
            if (!holder.equals(AggregateKinds.NONE)) {
                throw LedgerRejection.conflict(targetField, targetId, "is already taken: it is " + holder + "'s id");
            }
        }
        Accepted accepted;
        try {
            accepted = sendRetryingConcurrentChanges(command, metaData, targetField, targetId);
        } catch (AggregateNotFoundException e) {
            throw LedgerRejection.notFound(targetField, targetId, "nothing with this id is in the ledger");
        } catch (IncompatibleAggregateException e) {
            throw LedgerRejection.notFound(targetField, targetId, "is " + kinds.describe(targetId)
                    + "'s id; carriers and tenants share one set of ids");
        } catch (AggregateStreamCreationException e) {
            throw LedgerRejection.conflict(targetField, targetId, "is already taken: it is "
                    + kinds.describe(targetId) + "'s id");
        }
        String location = created == null ? null : ServletUriComponentsBuilder.fromCurrentContextPath()
                                                                               .path(created.apply(accepted))
                                                                               .toUriString();
        return new Answer(location == null ? 200 : 201, location, accepted);
    }

    /**
     * Sends the command, and again when the aggregate changed between its load and its append (another node, or a
     * concurrent command on this one, appended first): each attempt loads the aggregate afresh and judges the command
     * on what is stored by then. A change that keeps winning is a 409, never a 500.
     */
    private Accepted sendRetryingConcurrentChanges(Object command, MetaData metaData, String targetField,
                                                   String targetId) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                                                                       .andMetaData(metaData));
            } catch (ConcurrencyException e) {
                if (attempt == CONCURRENT_ATTEMPTS) {
                    throw LedgerRejection.conflict(targetField, targetId, "was changed by other commands "
                            + CONCURRENT_ATTEMPTS + " times while this one was applied; nothing was stored, retry");
                }
            }
        }
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

    /**
     * Who sent the request: the user Spring Security authenticated, and nothing the request says of itself. Every
     * command path requires a user, so a request without one is a fault of the ledger's configuration.
     */
    static String actor(HttpServletRequest request) {
        if (request.getUserPrincipal() == null) {
            throw new IllegalStateException("a command reached the dispatcher without an authenticated user");
        }
        return request.getUserPrincipal().getName();
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
