package cn.incubation.ledger.ui;

import cn.incubation.ledger.web.LedgerServerTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages' language without a browser: Chinese by default, English when the browser asks for it first, and a
 * choice kept in the cookie over whatever the browser asks.
 */
class PageLanguageTest extends LedgerServerTest {

    private static final String CHINESE = "登录孵化账本";
    private static final String ENGLISH = "Sign in to the Incubation Ledger";

    private String login(String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> page = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }

    @Test
    void chineseUnlessTheBrowserAsksForEnglishFirstOrTheReaderChoseIt() throws Exception {
        assertThat(login()).contains(CHINESE);
        assertThat(login("Accept-Language", "en-US,en;q=0.9,zh-CN;q=0.8")).contains(ENGLISH);
        assertThat(login("Accept-Language", "zh-TW,en;q=0.5")).as("any Chinese is the Chinese pages").contains(CHINESE);
        assertThat(login("Accept-Language", "fr-FR,de;q=0.8")).as("neither language: Chinese").contains(CHINESE);
        assertThat(login("Accept-Language", "zh-CN", "Cookie", PageConfiguration.LANGUAGE_COOKIE + "=en"))
                .as("the remembered choice wins").contains(ENGLISH);
    }

    @Test
    void theSwitchSetsTheCookieForAYear() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login?lang=en")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        assertThat(page.body()).contains(ENGLISH);
        assertThat(page.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith(PageConfiguration.LANGUAGE_COOKIE + "=en").contains("Max-Age=31536000"));
    }
}
