package cn.incubation.ledger.ui;

import cn.incubation.ledger.web.LedgerHttp.Answer;
import cn.incubation.ledger.web.LedgerServerTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The ledger on a random port (the shared test ledger of {@link LedgerServerTest}) driven by Debian's headless
 * Chromium through its chromedriver, with a screenshot of each page under {@code target/screenshots/}. The browser
 * asks for Chinese first, as the pages' readers do. Without Chromium the tests fail and say what to install: a browser
 * test that skipped itself would pass without having looked at a page.
 */
public abstract class BrowserTest extends LedgerServerTest {

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    static final String PASSWORD = "page-reader-password-1";

    protected static WebDriver browser;

    @BeforeAll
    static void startBrowser() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The page tests need Debian's headless Chromium: " + CHROMIUM + " and " + CHROMEDRIVER
                 + " must exist (apt-get install chromium chromium-driver; .ci/run installs them).");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,900",
                             "--lang=zh-CN");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                                                                      .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1366, 900));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    protected String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    protected void open(String path) {
        browser.get(url(path));
    }

    /** A new user of this role, made by the administrator through the API; answers its name. */
    protected String newUser(String role) {
        String name = unique(role.toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        Answer added = http.post("/api/users", json("{'username':'" + name + "','password':'" + PASSWORD
                + "','role':'" + role + "'}"));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return name;
    }

    /** Signs in through the login page, starting from no session. */
    protected void signIn(String user, String password) {
        open("/login");
        browser.manage().deleteAllCookies();
        open("/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        waitFor().until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    /** Types a date into the page's "as of" field and asks for the page on it; the caller waits as it needs. */
    protected void showAsOf(String date) {
        WebElement asOf = browser.findElement(By.id("asOf"));
        asOf.clear();
        asOf.sendKeys(date);
        browser.findElement(By.id("show")).click();
    }

    /**
     * Clicks what sends a form (or follows a link) and waits until the browser has left the page it was on, so what
     * the test reads next is the answer's page: on a busy machine a click may return before the navigation starts.
     */
    protected void clickAndLoad(By what) {
        WebElement page = browser.findElement(By.tagName("html"));
        browser.findElement(what).click();
        waitFor().until(ExpectedConditions.stalenessOf(page));
    }

    protected WebDriverWait waitFor() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    protected Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    /** An ECharts chart of the page once drawn: its x-axis periods and each series' data, read in the browser. */
    @SuppressWarnings("unchecked")
    protected Map<String, Object> chart(String id) {
        waitFor().until(d -> script("var e = document.getElementById(arguments[0]);"
                                    + " return !!(e && window.echarts && echarts.getInstanceByDom(e));", id));
        return (Map<String, Object>) script(
                "var o = echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption();"
                + " return {periods: o.xAxis[0].data, series: o.series.map(function (s) { return s.data; })};", id);
    }

    @SuppressWarnings("unchecked")
    protected static List<String> periods(Map<String, Object> chart) {
        return (List<String>) chart.get("periods");
    }

    @SuppressWarnings("unchecked")
    protected static List<Double> series(Map<String, Object> chart, int index) {
        return ((List<List<Object>>) chart.get("series")).get(index).stream()
                                                         .map(v -> ((Number) v).doubleValue()).toList();
    }

    /** The last value of a series, as the whole number the charts plot. */
    protected static long lastValue(Map<String, Object> chart, int index) {
        List<Double> data = series(chart, index);
        return data.get(data.size() - 1).longValue();
    }

    /** Fetches a link (a download) as the signed-in user, bytes and all. */
    protected HttpResponse<byte[]> fetch(String link) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link))
                                                          .header("Cookie", cookieHeader()).build(),
                                               HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The browser's cookies as a {@code Cookie} header: a plain HTTP client then fetches as the signed-in user. */
    protected String cookieHeader() {
        return browser.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                      .collect(Collectors.joining("; "));
    }

    protected Cookie cookie(String name) {
        return browser.manage().getCookieNamed(name);
    }

    /** Saves the whole page, not only the window, to {@code target/screenshots/<name>.png}. */
    protected void screenshotWholePage(String name) {
        Dimension window = browser.manage().window().getSize();
        long height = ((Number) script("return document.documentElement.scrollHeight")).longValue();
        browser.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(height + 140, 8000)));
        try {
            screenshot(name);
        } finally {
            browser.manage().window().setSize(window);
        }
    }

    /** Saves the page as it looks now to {@code target/screenshots/<name>.png}. */
    protected void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"),
                       java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
