package cn.incubation.ledger.bench;

import cn.incubation.ledger.LedgerApplication;
import cn.incubation.ledger.bench.ReadSideBenchmark.Synthetic;
import cn.incubation.ledger.projector.ProjectionService;
import cn.incubation.ledger.region.RegionCatalog;
import cn.incubation.ledger.web.LedgerHttp;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web pages on a large ledger: loads {@code bench.events} synthetic events (500,000 by default; the history of
 * {@link ReadSideBenchmark}), signs in through the login form as the administrator, and measures p50/p95 of each
 * page's whole answer (the server renders every table and chart's data into it). Run: {@code mvn -B -q -Pbenchmark
 * test-compile exec:exec -Dbench.main=cn.incubation.ledger.bench.PageBenchmark -Dbench.args="-Dbench.events=100000"}
 * (also {@code bench.samples}, {@code bench.data=DIR} to measure a ledger kept there without loading it).
 */
public final class PageBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.events", 500_000);
    private static final int SAMPLES = Integer.getInteger("bench.samples", 50);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+"
                                                        + "name=\"_csrf\"");

    private PageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        String reuse = System.getProperty("bench.data", "");
        Path dataDir = reuse.isEmpty() ? Files.createTempDirectory("ledger-bench-pages") : Path.of(reuse);
        try (ConfigurableApplicationContext ledger = new SpringApplicationBuilder(LedgerApplication.class)
                .run("--server.port=0", "--ledger.data-dir=" + dataDir, "--logging.level.root=WARN",
                     LedgerHttp.ADMIN_PASSWORD_ARGUMENT)) {
            int port = ((WebServerApplicationContext) ledger).getWebServer().getPort();
            ProjectionService projections = ledger.getBean(ProjectionService.class);
            List<DomainEventMessage<?>> history = new Synthetic(ledger.getBean(RegionCatalog.class), 20251231L)
                    .generate(EVENTS);
            System.out.printf(Locale.ROOT, "Pages: %,d synthetic events, embedded MongoDB (H2) in %s%n",
                              history.size(), dataDir);
            long stored = projections.head();
            if (stored > 0 && stored < history.size() - 1) {
                throw new IllegalStateException(dataDir + " holds " + stored + " events, not the " + history.size()
                                                        + " of this history: give an empty or matching bench.data");
            }
            long t0 = System.nanoTime();
            EventStore eventStore = ledger.getBean(EventStore.class);
            for (int i = 0; i < history.size() && stored < history.size() - 1; i += 100) {
                eventStore.publish(history.subList(i, Math.min(history.size(), i + 100)));
            }
            if (!projections.awaitCaughtUp(Duration.ofMinutes(120))) {
                throw new IllegalStateException("projections did not catch up");
            }
            System.out.printf(Locale.ROOT, "  loaded (if needed) and projected in %.1f s%n",
                              (System.nanoTime() - t0) / 1e9);

            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                                           .followRedirects(HttpClient.Redirect.NEVER).build();
            String base = "http://127.0.0.1:" + port;
            signIn(browser, base);
            String investor = URLEncoder.encode("成都天使投资基金1号", StandardCharsets.UTF_8).replace("+", "%20");
            List<String[]> pages = List.of(
                    new String[] {"overview, chengyu (economic region)", "/overview?region=chengyu"},
                    new String[] {"overview, Chengdu on 2020-12-31, by quarter",
                                  "/overview?region=510100&asOf=2020-12-31&granularity=QUARTER"},
                    new String[] {"overview, a district", "/overview?region=510107"},
                    new String[] {"carrier page", "/carriers/inc-bench-1"},
                    new String[] {"carrier page on 2019-12-31", "/carriers/inc-bench-2?asOf=2019-12-31"},
                    new String[] {"tenant page", "/tenants/ten-bench-1-0"},
                    new String[] {"trail, an investor", "/trails/investors/" + investor},
                    new String[] {"trail, a carrier", "/trails/carriers/inc-bench-1"},
                    new String[] {"trail, a tenant", "/trails/tenants/ten-bench-1-0"});
            System.out.println();
            System.out.println("| page | bytes | samples | p50 ms | p95 ms | target p95 |");
            System.out.println("| --- | ---: | ---: | ---: | ---: | --- |");
            for (String[] page : pages) {
                HttpResponse<String> first = get(browser, base + page[1]);
                if (first.statusCode() != 200) {
                    System.out.printf("| %s | - | - | - | - | answered %d |%n", page[0], first.statusCode());
                    continue;
                }
                for (int i = 0; i < 5; i++) {
                    get(browser, base + page[1]);
                }
                long[] nanos = new long[SAMPLES];
                for (int i = 0; i < SAMPLES; i++) {
                    long s = System.nanoTime();
                    get(browser, base + page[1]);
                    nanos[i] = System.nanoTime() - s;
                }
                Arrays.sort(nanos);
                System.out.printf(Locale.ROOT, "| %s | %,d | %d | %.1f | %.1f | ≤ 300 ms |%n", page[0],
                                  first.body().length(), SAMPLES, nanos[SAMPLES / 2] / 1e6,
                                  nanos[(int) (SAMPLES * 0.95)] / 1e6);
            }
        }
    }

    private static void signIn(HttpClient browser, String base) throws Exception {
        HttpResponse<String> form = get(browser, base + "/login");
        Matcher token = CSRF.matcher(form.body());
        String csrf = token.find() ? (token.group(1) != null ? token.group(1) : token.group(2)) : "";
        String body = "username=" + LedgerHttp.ADMIN + "&password="
                + URLEncoder.encode(LedgerHttp.ADMIN_PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = browser.send(
                HttpRequest.newBuilder(URI.create(base + "/login"))
                           .header("Content-Type", "application/x-www-form-urlencoded")
                           .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = signedIn.headers().firstValue("Location").orElse("");
        if (signedIn.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("sign-in failed: " + signedIn.statusCode() + " " + location);
        }
    }

    private static HttpResponse<String> get(HttpClient browser, String url) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(url)).header("Accept-Language", "zh-CN").GET().build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
