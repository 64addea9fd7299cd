package cn.incubation.ledger.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The servlet container's error page ({@code /error}) as a problem detail, for the errors that arise outside the
 * controllers: in a filter, or a status a component sent without a body. Replaces Spring Boot's JSON error page,
 * whose shape ({@code timestamp}, {@code error}, {@code path}) no other answer of the ledger has.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping(path = "/error", produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.ALL_VALUE})
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer c && HttpStatus.resolve(c) != null ? HttpStatus.resolve(c)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        ProblemDetail problem = status.is5xxServerError()
                ? Problems.of(status, "The ledger could not complete the request; nothing was acknowledged. Retry, "
                        + "and report it (with the X-Correlation-Id) if it persists.")
                : Problems.of(status, status.getReasonPhrase());
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri != null) {
            try {
                problem.setInstance(new URI(uri.toString()));
            } catch (URISyntaxException e) {
                // A path that is no URI says nothing more than the status.
            }
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
