package cn.incubation.ledger.web;

import cn.incubation.ledger.security.SecurityConfiguration;
import cn.incubation.ledger.security.LoginThrottledException;
import cn.incubation.ledger.security.LedgerPrincipal;
import cn.incubation.ledger.security.AccessDecision;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * Spring Security's refusals as the ledger's problem details: 401 with {@code WWW-Authenticate: Basic} when no user
 * (or a wrong password) came with the request, 429 with {@code Retry-After} while sign-ins are slowed, and 403
 * naming the user's role, the roles the request needs and the scope the user lacked.
 */
@Component
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof LoginThrottledException throttled) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
            write(request, response, Problems.of(HttpStatus.TOO_MANY_REQUESTS, throttled.getMessage()
                    + "; nothing was checked or stored"));
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + SecurityConfiguration.REALM + "\", charset=\"UTF-8\"");
        boolean sentCredentials = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, sentCredentials
                ? "The username or password is wrong, or the user is disabled; nothing was stored"
                : "Sign in: send the username and password of a ledger user with HTTP Basic"));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        ProblemDetail problem;
        if (e instanceof AuthorizationDeniedException denied
                && denied.getAuthorizationResult() instanceof AccessDecision decision && decision.detail() != null) {
            problem = Problems.of(HttpStatus.FORBIDDEN, decision.detail() + "; nothing was stored");
            problem.setProperty("role", decision.role());
            problem.setProperty("allowedRoles", decision.allowed());
            problem.setProperty("scope", decision.scope());
        } else if (e instanceof CsrfException) {
            problem = Problems.of(HttpStatus.FORBIDDEN, "The form's CSRF token is missing or out of date; load the "
                    + "page again and resend it");
        } else {
            problem = Problems.of(HttpStatus.FORBIDDEN, LedgerPrincipal.of(SecurityContextHolder.getContext()
                    .getAuthentication()).map(user -> user + " may not " + request.getMethod() + " "
                    + request.getRequestURI()).orElse("Access denied") + "; nothing was stored");
        }
        write(request, response, problem);
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        Problems.write(response, Problems.noted(request, problem), request.getRequestURI());
    }
}
