package cn.incubation.ledger.security;

import cn.incubation.ledger.web.LedgerHttp;
import cn.incubation.ledger.web.LedgerServerTest;
import org.junit.jupiter.api.Test;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login form for the web pages: served to anyone, refused without its CSRF token, and a session for the right
 * password; a wrong one goes back to the form. The API never takes the session in place of HTTP Basic.
 */
class FormLoginTest extends LedgerServerTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                                                 .followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> get(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                       .header("Accept", "text/html").build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> login(String user, String password, String csrf) throws Exception {
        String form = "username=" + user + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + (csrf == null ? "" : "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));
        return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                                       .header("Content-Type", "application/x-www-form-urlencoded")
                                       .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private String csrfToken() throws Exception {
        HttpResponse<String> page = get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        Matcher token = CSRF.matcher(page.body());
        assertThat(token.find()).as(page.body()).isTrue();
        return token.group(1);
    }

    @Test
    void aPageAsksForTheLoginFormAndTheFormNeedsItsCsrfToken() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElse("")).endsWith("/login");

        assertThat(login("admin", LedgerHttp.ADMIN_PASSWORD, null).statusCode()).as("no CSRF token").isEqualTo(403);
        HttpResponse<String> wrong = login("admin", "not-the-password", csrfToken());
        assertThat(wrong.statusCode()).isEqualTo(302);
        assertThat(wrong.headers().firstValue("Location").orElse("")).endsWith("/login?error");

        HttpResponse<String> signedIn = login("admin", LedgerHttp.ADMIN_PASSWORD, csrfToken());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
        HttpResponse<String> home = get("/");
        assertThat(home.statusCode()).as("the home page with the session").isEqualTo(200);
        assertThat(home.body()).contains("欢迎，admin");
        assertThat(get("/api/regions").statusCode()).as("the API wants HTTP Basic, not the session")
                                                    .isEqualTo(401);
    }
}
