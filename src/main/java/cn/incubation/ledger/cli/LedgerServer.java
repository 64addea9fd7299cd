package cn.incubation.ledger.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Asks a running ledger, signed in, for one JSON answer; a refusal is printed and answered as null. */
final class LedgerServer {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private LedgerServer() {
    }

    static <T> T get(String server, Credentials.Login login, String path, Class<T> type)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(server, path)).header("Authorization", login.authorization()).GET()
                               .build(), type);
    }

    static <T> T post(String server, Credentials.Login login, String path, Class<T> type)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(server, path)).header("Authorization", login.authorization())
                               .POST(HttpRequest.BodyPublishers.noBody()).build(), type);
    }

    /**
     * Saves a download to {@code out} (through a file beside it, moved into place once whole); false, with the reason
     * printed, when refused or unreachable.
     */
    static boolean download(String server, Credentials.Login login, String path, Path out)
            throws IOException, InterruptedException {
        Path partial = out.resolveSibling(out.getFileName() + ".part");
        HttpRequest request = HttpRequest.newBuilder(uri(server, path)).header("Authorization", login.authorization())
                                         .GET().build();
        HttpResponse<Path> response;
        try {
            response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofFile(partial));
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            System.err.println(Refusals.unreachable(server, e));
            return false;
        }
        if (response.statusCode() / 100 != 2) {
            String body = Files.readString(partial, StandardCharsets.UTF_8);
            Files.deleteIfExists(partial);
            System.err.println(Refusals.refused(response.statusCode(), body));
            return false;
        }
        Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    private static URI uri(String server, String path) {
        return URI.create(server.replaceAll("/+$", "") + path);
    }

    private static <T> T send(HttpRequest request, Class<T> type) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            String uri = request.uri().toString();
            System.err.println(Refusals.unreachable(uri.substring(0, uri.indexOf('/', uri.indexOf("//") + 2)), e));
            return null;
        }
        if (response.statusCode() / 100 != 2) {
            System.err.println(Refusals.refused(response.statusCode(), response.body()));
            return null;
        }
        return JSON.readValue(response.body(), type);
    }
}
