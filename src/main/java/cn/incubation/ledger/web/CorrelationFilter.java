package cn.incubation.ledger.web;

import cn.incubation.ledger.shared.CommandMetadata;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id ({@code X-Correlation-Id}, taken from the request or generated), which the
 * answer carries, every log line of the request names and every event the request causes keeps in its metadata; and
 * writes one log line for each request that was refused, with its status and problem, never a stack trace.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CorrelationFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Correlation-Id";
    static final String ATTRIBUTE = CorrelationFilter.class.getName() + ".id";
    static final String MDC_KEY = CommandMetadata.CORRELATION_ID;

    private static final Logger log = LoggerFactory.getLogger("cn.incubation.ledger.requests");
    private static final Pattern VALUE = Pattern.compile("[\\x21-\\x7e]{1,200}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        String id = given != null && VALUE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        try {
            if (given != null && !given.equals(id)) {
                Problems.write(response, Problems.noted(request, Problems.of(
                        HttpStatus.BAD_REQUEST, HEADER, given, "must be 1 to 200 visible ASCII characters")),
                               request.getRequestURI());
            } else {
                chain.doFilter(request, response);
            }
        } finally {
            logRefusal(request, response, id);
            MDC.remove(MDC_KEY);
        }
    }

    private static void logRefusal(HttpServletRequest request, HttpServletResponse response, String id) {
        int status = response.getStatus();
        if (status < 400) {
            return;
        }
        Object detail = request.getAttribute(Problems.DETAIL_ATTRIBUTE);
        String line = "{} {} answered {} (correlation {}){}";
        Object[] arguments = {request.getMethod(), request.getRequestURI(), status, id,
                              detail == null ? "" : ": " + detail};
        if (status >= 500) {
            log.warn(line, arguments);
        } else {
            log.info(line, arguments);
        }
    }

    /** The request's correlation id, as this filter gave it. */
    static String of(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id != null ? id.toString() : UUID.randomUUID().toString();
    }
}
