package cn.incubation.ledger.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A client of the ledger's HTTP API for tests: JSON in, status, headers and JSON out, over real TCP. It signs in with
 * HTTP Basic as the test ledgers' {@code admin} unless told otherwise; every test ledger is started with
 * {@link #ADMIN_PASSWORD_PROPERTY} so that its first administrator has {@link #ADMIN_PASSWORD}.
 */
public final class LedgerHttp {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    /** What a test gives a ledger it starts, as a property or (with {@code --}) as an argument. */
    public static final String ADMIN_PASSWORD_PROPERTY = "ledger.security.admin-password=" + ADMIN_PASSWORD;
    public static final String ADMIN_PASSWORD_ARGUMENT = "--" + ADMIN_PASSWORD_PROPERTY;

    /** Decimals read exactly: totals in yuan can have more digits than a double holds. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final int port;
    private final String base;
    private final String authorization;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** A client signed in as the ledger's {@code admin}. */
    public LedgerHttp(int port) {
        this(port, ADMIN, ADMIN_PASSWORD);
    }

    /** A client signed in as {@code user}, or sending no credentials when {@code user} is null. */
    public LedgerHttp(int port, String user, String password) {
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
        this.authorization = user == null ? null : basic(user, password);
    }

    /** A client that sends no credentials. */
    public static LedgerHttp anonymous(int port) {
        return new LedgerHttp(port, null, null);
    }

    /** A client of the same ledger signed in as another user. */
    public LedgerHttp as(String user, String password) {
        return new LedgerHttp(port, user, password);
    }

    /** The value of an {@code Authorization} header that signs in with HTTP Basic. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** One answer: status, the response, and its body parsed as JSON (null when empty or not JSON). */
    public record Answer(int status, HttpResponse<String> response, JsonNode json) {

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        public long version() {
            return json.get("version").asLong();
        }

        @Override
        public String toString() {
            return status + " " + response.body();
        }
    }

    public Answer post(String path, String json, String... headers) {
        return send(request(path, headers).POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    public Answer patch(String path, String json, String... headers) {
        return send(request(path, headers).method("PATCH", HttpRequest.BodyPublishers.ofString(json,
                                                                                             StandardCharsets.UTF_8)));
    }

    /** Posts without declaring a length, so the body goes chunked. */
    public Answer postChunked(String path, byte[] body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(body))));
    }

    public Answer get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    /** A request of any method, without a body. */
    public Answer send(String method, String path, String... headers) {
        return send(request(path, headers).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                                                 .header("Content-Type", "application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.setHeader(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private Answer send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = client.send(builder.build(),
                                                         HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json = null;
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (type.contains("json") && !response.body().isEmpty()) {
                json = JSON.readTree(response.body());
            }
            return new Answer(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** JSON text from single-quoted text, so that tests read like the requests they send. */
    public static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}
