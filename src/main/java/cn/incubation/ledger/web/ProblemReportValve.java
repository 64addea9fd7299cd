package cn.incubation.ledger.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.io.IOException;

/**
 * Tomcat's own error report (what it answers for a request it refuses before the application sees it: a path with
 * {@code %2F} or a NUL, headers over the limit) as a problem detail instead of an HTML page.
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null) {
            status = code >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
        }
        String detail = status == HttpStatus.BAD_REQUEST
                ? "The request could not be read: its path, headers or line break HTTP's rules (an encoded '/' or a "
                        + "NUL in the path, or headers over the size limit)"
                : status.getReasonPhrase();
        ProblemDetail problem = Problems.of(status, detail);
        try {
            response.resetBuffer();
            Problems.write(response.getResponse(), problem, null);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the answer already went out: nothing more to say.
        }
    }
}
