package cn.incubation.ledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/**
 * What the command line prints when a running ledger refuses a request or cannot be reached: the problem's own
 * words (its detail, as RFC 9457 problems carry it) and never a raw body or an exception's class name.
 */
final class Refusals {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Refusals() {
    }

    /** {@code Refused (409): tenantId = t-1: the incubation already ended …}, from the answer's problem detail. */
    static String refused(int status, String body) {
        String said = null;
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem != null && problem.hasNonNull("detail")) {
                said = problem.get("detail").asText();
            } else if (problem != null && problem.hasNonNull("title")) {
                said = problem.get("title").asText();
            }
        } catch (IOException notJson) {
            // Not a problem document: the start of the body says more than nothing.
        }
        if (said == null) {
            said = body == null || body.isBlank() ? "no reason given"
                    : body.length() > 300 ? body.substring(0, 300) + "…" : body;
        }
        String hint = switch (status) {
            case 401 -> " (check --user and LEDGER_PASSWORD)";
            case 403 -> " (the user's role or scope does not allow it)";
            default -> "";
        };
        return "Refused (" + status + "): " + said + hint;
    }

    /** {@code Cannot reach the ledger at http://…: connection refused; …}, naming the address that failed. */
    static String unreachable(String server, Exception failure) {
        String why = failure instanceof ConnectException ? "connection refused"
                : failure instanceof HttpConnectTimeoutException ? "no answer in time"
                : failure.getCause() instanceof UnresolvedAddressException ? "no such host"
                : failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
        return "Cannot reach the ledger at " + server + ": " + why + "; start it (java -jar "
                + "target/incubation-ledger.jar) or give the right --server URL";
    }
}
