package cn.incubation.ledger.web;

import cn.incubation.ledger.region.UnknownRegionException;
import cn.incubation.ledger.shared.LedgerRejection;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Every error as an RFC 9457 problem ({@code application/problem+json}) that names the field, the value and the
 * rule, so a client can show the user what to fix: 400 invalid input, 404 unknown target, 409 a rule of the current
 * state or a stale version, 413 a body over the limit, 415 a body that is not JSON. Anything else is a fault of the
 * ledger's: a 500 (or a 503 when the store failed) that says nothing was acknowledged, logged once with its trace.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(LedgerRejection.class)
    ResponseEntity<ProblemDetail> rejected(LedgerRejection rejection, HttpServletRequest request) {
        HttpStatus status = switch (rejection.kind()) {
            case INVALID_INPUT -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
        };
        return problem(request, status, rejection.field(), rejection.value(), rejection.rule());
    }

    @ExceptionHandler(UnknownRegionException.class)
    ResponseEntity<ProblemDetail> unknownRegion(UnknownRegionException e, HttpServletRequest request) {
        return problem(request, HttpStatus.NOT_FOUND, "regionCode", e.code(),
                       "is not in the region catalog (GET /api/regions)");
    }

    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ResponseEntity<ProblemDetail> staleVersion(ConflictingAggregateVersionException e, HttpServletRequest request) {
        return problem(request, HttpStatus.CONFLICT, HttpHeaders.IF_MATCH, e.getExpectedVersion(),
                       "is stale: the aggregate is at version " + e.getActualVersion()
                               + "; read it again and decide anew");
    }

    @ExceptionHandler({ConflictingModificationException.class, ConcurrencyException.class})
    ResponseEntity<ProblemDetail> concurrentChange(RuntimeException e, HttpServletRequest request) {
        return problem(request, HttpStatus.CONFLICT, "id", null,
                       "another command changed this aggregate at the same moment; retry");
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<ProblemDetail> idTaken(AggregateStreamCreationException e, HttpServletRequest request) {
        return problem(request, HttpStatus.CONFLICT, "id", null, "is already taken by a carrier or a tenant");
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> unknownAggregate(AggregateNotFoundException e, HttpServletRequest request) {
        return problem(request, HttpStatus.NOT_FOUND, "id", e.getAggregateIdentifier(),
                       "nothing with this id is in the ledger");
    }

    @ExceptionHandler(IncompatibleAggregateException.class)
    ResponseEntity<ProblemDetail> otherKind(IncompatibleAggregateException e, HttpServletRequest request) {
        return problem(request, HttpStatus.NOT_FOUND, "id", null, "belongs to another kind of record (a carrier's id "
                + "used for a tenant, or a tenant's for a carrier)");
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException e, HttpServletRequest request) {
        if (e.getCause() instanceof LedgerRejection rejection) {
            return rejected(rejection, request);
        }
        return unexpected(e, request);
    }

    @ExceptionHandler(EventStoreException.class)
    ResponseEntity<ProblemDetail> storeFailed(EventStoreException e, HttpServletRequest request) {
        log.error("The event store failed; the command was not acknowledged", e);
        return noted(request, ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                                            .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "The ledger could not "
                                                    + "store the command; nothing was acknowledged. Retry in a "
                                                    + "moment.")));
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(BodyTooLargeException e, HttpServletRequest request) {
        return problem(request, HttpStatus.PAYLOAD_TOO_LARGE, "body", e.size(), "must be at most " + e.limit()
                + " bytes");
    }

    /**
     * A refusal of Spring Security's (a scope checked in a controller) goes back to it, so that its access-denied
     * handling answers, as it does for the refusals of its filters.
     */
    @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
    void securityAnswers(RuntimeException e) {
        throw e;
    }

    /** The last resort: a fault of the ledger's, never of what the client sent. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("A request failed unexpectedly: {} {}", request.getMethod(), request.getRequestURI(), e);
        return noted(request, ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(
                Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "The ledger could not complete the request; nothing was "
                        + "acknowledged. Retry, and report it (with the X-Correlation-Id) if it persists.")));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return cast(problem(servlet(request), HttpStatus.BAD_REQUEST, e.getParameterName(), null,
                            "is required (a query parameter)"));
    }

    /** A query parameter Spring could not convert (an enum's name, a number): the field, the value and the rule. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String field = e.getPropertyName();
        Class<?> type = e.getRequiredType();
        if (e instanceof MethodArgumentTypeMismatchException argument) {
            field = argument.getName();
            if (Collection.class.isAssignableFrom(argument.getParameter().getParameterType())) {
                type = argument.getParameter().nested().getNestedParameterType();
            }
        }
        Object value = e.getValue() instanceof String[] values ? String.join(",", values) : e.getValue();
        LedgerRejection rejection = find(e, LedgerRejection.class);
        String rule;
        if (rejection != null) {
            // A converter of the ledger's (knownAt) refused it and said which rule it broke.
            rule = rejection.rule();
        } else if (type != null && type.isEnum()) {
            rule = "must be one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                                             .collect(Collectors.joining(", "));
        } else if (isWhole(type) && value instanceof String text && text.strip().matches("[+-]?[0-9]+")) {
            // Digits beyond the type's range: a whole number, but not one any bound of the ledger's allows.
            rule = "must be " + describe(type) + " within its range";
        } else {
            rule = "must be " + describe(type);
        }
        return cast(problem(servlet(request), HttpStatus.BAD_REQUEST, field, value, rule));
    }

    private static boolean isWhole(Class<?> type) {
        return type == Integer.class || type == int.class || type == Long.class || type == long.class;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest webRequest) {
        HttpServletRequest request = servlet(webRequest);
        Throwable cause = e.getMostSpecificCause();
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException || t instanceof LedgerRejection
                    || t instanceof BodyTooLargeException) {
                cause = t;
                break;
            }
        }
        if (cause instanceof BodyTooLargeException tooLarge) {
            return cast(tooLarge(tooLarge, request));
        }
        if (cause instanceof LedgerRejection rejection) {
            return cast(rejected(rejection, request));
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return cast(problem(request, HttpStatus.BAD_REQUEST, path(unknown), null, "is not a field of this "
                    + "request; known fields: " + unknown.getKnownPropertyIds()));
        }
        if (cause instanceof InvalidFormatException format) {
            Class<?> type = format.getTargetType();
            String rule = type.isEnum()
                    ? "must be one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                                                .collect(Collectors.joining(", "))
                    : "must be " + describe(type);
            return cast(problem(request, HttpStatus.BAD_REQUEST, path(format), format.getValue(), rule));
        }
        if (cause instanceof MismatchedInputException mismatch) {
            Class<?> type = mismatch.getTargetType();
            String rule = type != null && type.isEnum()
                    ? "must be one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                                                .collect(Collectors.joining(", "))
                    : "must be " + describe(type);
            return cast(problem(request, HttpStatus.BAD_REQUEST, path(mismatch), null, rule));
        }
        InputCoercionException outOfRange = find(e, InputCoercionException.class);
        if (outOfRange != null) {
            JsonMappingException mapping = find(e, JsonMappingException.class);
            return cast(problem(request, HttpStatus.BAD_REQUEST, mapping == null ? "body" : path(mapping), null,
                                "must be " + describe(outOfRange.getTargetType()) + " within its range"));
        }
        if (cause instanceof StreamConstraintsException limit) {
            return cast(problem(request, HttpStatus.BAD_REQUEST, "body", null, "is beyond what a request may hold: "
                    + limit.getOriginalMessage()));
        }
        if (cause instanceof JsonProcessingException json) {
            return cast(problem(request, HttpStatus.BAD_REQUEST, "body", null, "is not valid JSON: "
                    + json.getOriginalMessage()));
        }
        return cast(problem(request, HttpStatus.BAD_REQUEST, "body", null, "is required: a JSON object"));
    }

    /** The problems Spring MVC makes itself (405, 406, 415, 404 for no such path) get the ledger's types too. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
                                                          HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail detail) {
            HttpStatus status = HttpStatus.resolve(statusCode.value());
            if (status != null && (detail.getType() == null || "about:blank".equals(detail.getType().toString()))) {
                detail.setType(Problems.type(status));
            }
            Problems.noted(servlet(request), detail);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    static ResponseEntity<ProblemDetail> problem(HttpServletRequest request, HttpStatus status, String field,
                                                 Object value, String rule) {
        return ResponseEntity.status(status).body(Problems.noted(request, Problems.of(status, field, value, rule)));
    }

    private static ResponseEntity<ProblemDetail> noted(HttpServletRequest request,
                                                       ResponseEntity<ProblemDetail> response) {
        Problems.noted(request, response.getBody());
        return response;
    }

    private static HttpServletRequest servlet(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest() : null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
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
            default -> type.isEnum() ? "one of " + Arrays.toString(type.getEnumConstants())
                    : "a " + type.getSimpleName();
        };
    }
}
