package cn.incubation.ledger.web;

import cn.incubation.ledger.shared.Check;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 9457 problem details as the ledger writes them everywhere (controllers, filters, the servlet container's error
 * page): a type per kind of problem, the field, a short excerpt of the value, and the rule it broke.
 */
public final class Problems {

    static final String TYPE_BASE = "https://incubation-ledger.cn/problems/";
    /** The request attribute under which the problem a request got is left for its one log line. */
    static final String DETAIL_ATTRIBUTE = Problems.class.getName() + ".detail";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /** A problem about one field: {@code "field = value: rule"}, or {@code "field rule"} without a value. */
    public static ProblemDetail of(HttpStatus status, String field, Object value, String rule) {
        String excerpt = Check.excerpt(value);
        String detail = excerpt == null ? field + " " + rule : field + " = " + excerpt + ": " + rule;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(status));
        problem.setProperty("field", field);
        problem.setProperty("value", excerpt);
        problem.setProperty("rule", rule);
        return problem;
    }

    /** A problem that concerns no one field. */
    public static ProblemDetail of(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(status));
        return problem;
    }

    public static URI type(HttpStatus status) {
        return URI.create(TYPE_BASE + switch (status) {
            case BAD_REQUEST -> "invalid-input";
            case UNAUTHORIZED -> "unauthenticated";
            case FORBIDDEN -> "forbidden";
            case TOO_MANY_REQUESTS -> "too-many-attempts";
            case NOT_FOUND -> "not-found";
            case CONFLICT -> "conflict";
            case PAYLOAD_TOO_LARGE -> "too-large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
            case METHOD_NOT_ALLOWED -> "method-not-allowed";
            case NOT_ACCEPTABLE -> "not-acceptable";
            case INTERNAL_SERVER_ERROR -> "internal";
            case SERVICE_UNAVAILABLE -> "unavailable";
            default -> Integer.toString(status.value());
        });
    }

    /** Writes a problem straight to the response, for code that runs outside Spring MVC (filters, Tomcat). */
    public static void write(HttpServletResponse response, ProblemDetail problem, String instance)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (instance != null) {
            body.put("instance", instance);
        }
        if (problem.getProperties() != null) {
            problem.getProperties().forEach((k, v) -> {
                if (v != null) {
                    body.put(k, v);
                }
            });
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), body);
    }

    /** Leaves the problem's detail for the request's log line (see {@link CorrelationFilter}). */
    public static ProblemDetail noted(HttpServletRequest request, ProblemDetail problem) {
        if (request != null) {
            request.setAttribute(DETAIL_ATTRIBUTE, problem.getDetail());
        }
        return problem;
    }
}
