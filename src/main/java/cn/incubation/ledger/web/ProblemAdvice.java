package cn.incubation.ledger.web;

import cn.incubation.ledger.region.UnknownRegionException;
import cn.incubation.ledger.shared.LedgerRejection;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Every error as an RFC 9457 problem ({@code application/problem+json}) that names the field, the value and the
 * rule, so a client can show the user what to fix: 400 invalid input, 404 unknown target, 409 a rule of the current
 * state or a stale version, 413 a body over the limit.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    static final String TYPE_BASE = "https://incubation-ledger.cn/problems/";

    @ExceptionHandler(LedgerRejection.class)
    ResponseEntity<ProblemDetail> rejected(LedgerRejection rejection) {
        HttpStatus status = switch (rejection.kind()) {
            case INVALID_INPUT -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
        };
        return problem(status, rejection.field(), rejection.value(), rejection.rule());
    }

    @ExceptionHandler(UnknownRegionException.class)
    ResponseEntity<ProblemDetail> unknownRegion(UnknownRegionException e) {
        return problem(HttpStatus.NOT_FOUND, "regionCode", e.code(), "is not in the region catalog (GET /api/regions)");
    }

    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ResponseEntity<ProblemDetail> staleVersion(ConflictingAggregateVersionException e) {
        return problem(HttpStatus.CONFLICT, HttpHeaders.IF_MATCH, e.getExpectedVersion(),
                       "is stale: the aggregate is at version " + e.getActualVersion()
                               + "; read it again and decide anew");
    }

    @ExceptionHandler(ConflictingModificationException.class)
    ResponseEntity<ProblemDetail> concurrentChange(ConflictingModificationException e) {
        return problem(HttpStatus.CONFLICT, "id", null,
                       "another command changed this aggregate at the same moment, or its id is already taken; retry");
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> unknownAggregate(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "id", e.getAggregateIdentifier(), "nothing with this id is in the ledger");
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException e) {
        if (e.getCause() instanceof LedgerRejection rejection) {
            return rejected(rejection);
        }
        return unexpected(e);
    }

    @ExceptionHandler(EventStoreException.class)
    ResponseEntity<ProblemDetail> storeFailed(EventStoreException e) {
        return unexpected(e);
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(BodyTooLargeException e) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "body", e.size(), "must be at most " + e.limit() + " bytes");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException || t instanceof LedgerRejection
                    || t instanceof BodyTooLargeException) {
                cause = t;
                break;
            }
        }
        if (cause instanceof BodyTooLargeException tooLarge) {
            return cast(tooLarge(tooLarge));
        }
        if (cause instanceof LedgerRejection rejection) {
            return cast(rejected(rejection));
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return cast(problem(HttpStatus.BAD_REQUEST, path(unknown), null, "is not a field of this request; known "
                    + "fields: " + unknown.getKnownPropertyIds()));
        }
        if (cause instanceof InvalidFormatException format) {
            Class<?> type = format.getTargetType();
            String rule = type.isEnum()
                    ? "must be one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                                                .collect(Collectors.joining(", "))
                    : "must be " + describe(type);
            return cast(problem(HttpStatus.BAD_REQUEST, path(format), format.getValue(), rule));
        }
        if (cause instanceof MismatchedInputException mismatch) {
            return cast(problem(HttpStatus.BAD_REQUEST, path(mismatch), null,
                                "must be " + describe(mismatch.getTargetType())));
        }
        if (cause instanceof JsonProcessingException json) {
            return cast(problem(HttpStatus.BAD_REQUEST, "body", null, "is not valid JSON: "
                    + json.getOriginalMessage()));
        }
        return cast(problem(HttpStatus.BAD_REQUEST, "body", null, "is required: a JSON object"));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
                                                          HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail detail && detail.getType() == null) {
            detail.setType(URI.create(TYPE_BASE + statusCode.value()));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("A command failed unexpectedly", e);
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                                                                "The ledger could not complete the command; nothing "
                                                                        + "was acknowledged. Retry, and report it if "
                                                                        + "it persists.");
        detail.setType(URI.create(TYPE_BASE + "internal"));
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(detail);
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String field, Object value, String rule) {
        String detail = value == null ? field + " " + rule : field + " = " + value + ": " + rule;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + switch (status) {
            case BAD_REQUEST -> "invalid-input";
            case NOT_FOUND -> "not-found";
            case CONFLICT -> "conflict";
            case PAYLOAD_TOO_LARGE -> "too-large";
            default -> Integer.toString(status.value());
        }));
        problem.setProperty("field", field);
        problem.setProperty("value", value == null ? null : value.toString());
        problem.setProperty("rule", rule);
        return ResponseEntity.status(status).body(problem);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                       .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                       .collect(Collectors.joining("."));
        return path.isEmpty() ? "body" : path;
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        return switch (type.getSimpleName()) {
            case "LocalDate" -> "a date YYYY-MM-DD";
            case "BigDecimal" -> "a decimal number such as \"1250000.00\"";
            case "Integer", "int", "Long", "long" -> "a whole number";
            case "String" -> "a string";
            default -> type.isEnum() ? "one of " + Arrays.toString(type.getEnumConstants()) : "a " + type.getSimpleName();
        };
    }
}
