package cn.incubation.ledger.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses an API command whose {@code Content-Type} is not a concrete JSON type with 415 before anything reads it:
 * a wildcard such as {@code *}{@code /*} names no format, and Spring's converters would fail on it deep inside.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ContentTypeFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/") || request.getContentType() == null
                || !(request.getMethod().equals("POST") || request.getMethod().equals("PUT")
                     || request.getMethod().equals("PATCH"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String rule = null;
        try {
            MediaType type = MediaType.parseMediaType(request.getContentType());
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                rule = "must name a concrete type: application/json";
            } else if (!type.isCompatibleWith(MediaType.APPLICATION_JSON)
                    && !"json".equals(type.getSubtypeSuffix())) {
                rule = "must be application/json";
            }
        } catch (InvalidMediaTypeException e) {
            rule = "is not a media type; send application/json";
        }
        if (rule != null) {
            Problems.write(response, Problems.noted(request, Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                                                                         "Content-Type", request.getContentType(),
                                                                         rule)),
                           request.getRequestURI());
            return;
        }
        chain.doFilter(request, response);
    }
}
