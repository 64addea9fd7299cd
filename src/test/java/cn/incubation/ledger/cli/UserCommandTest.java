package cn.incubation.ledger.cli;

import cn.incubation.ledger.LedgerApplication;
import cn.incubation.ledger.web.LedgerHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code user add|list|change|disable} on a stopped ledger's data directory, and what the ledger makes of them once
 * it serves: the user signs in with the password given through {@code LEDGER_NEW_PASSWORD}, in its role.
 */
class UserCommandTest {

    @TempDir
    Path dir;

    @AfterEach
    void environment() {
        Credentials.environment = System::getenv;
    }

    private int user(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "user";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--ledger.data-dir=" + dir.resolve("data");
        all[args.length + 2] = LedgerHttp.ADMIN_PASSWORD_ARGUMENT;
        all[args.length + 3] = "--init";
        return LedgerCli.run(all);
    }

    private ConfigurableApplicationContext serve() {
        return new SpringApplicationBuilder(LedgerApplication.class)
                .run("--server.port=0", "--ledger.data-dir=" + dir.resolve("data"), LedgerHttp.ADMIN_PASSWORD_ARGUMENT);
    }

    private static LedgerHttp client(ConfigurableApplicationContext ledger, String user, String password) {
        return new LedgerHttp(((WebServerApplicationContext) ledger).getWebServer().getPort(), user, password);
    }

    @Test
    void addsListsChangesAndDisablesUsersOnTheDataDirectory() {
        Credentials.environment = name -> name.equals(UserCommand.NEW_PASSWORD_VARIABLE) ? "analyst-password" : null;
        assertThat(user("add", "wang.fang", "--role", "ANALYST")).isZero();
        assertThat(user("add", "wang.fang", "--role", "ANALYST")).as("a taken name").isEqualTo(1);
        assertThat(user("add", "li", "--role", "ANALYST")).as("a name too short").isEqualTo(1);
        assertThat(user("add", "zhao", "--role", "OPERATOR", "--incubator", "no-such-carrier")).isEqualTo(1);
        assertThat(user("add", "zhao", "--role", "ROOT")).as("no such role").isEqualTo(2);
        Credentials.environment = name -> null;
        assertThat(user("add", "zhao", "--role", "ANALYST")).as("no password and no terminal").isEqualTo(2);

        String listed = printed(() -> user("list"));
        assertThat(listed).containsPattern("admin +ADMIN +enabled").containsPattern("wang.fang +ANALYST +enabled")
                          .doesNotContain("analyst-password");

        try (ConfigurableApplicationContext ledger = serve()) {
            LedgerHttp analyst = client(ledger, "wang.fang", "analyst-password");
            assertThat(analyst.get("/api/regions/chengyu/totals").status()).isEqualTo(200);
            assertThat(analyst.post("/api/incubators", json("{}")).status()).isEqualTo(403);
        }

        Credentials.environment = name -> name.equals(UserCommand.NEW_PASSWORD_VARIABLE) ? "another-password" : null;
        assertThat(user("change", "wang.fang", "--role", "FUND_MANAGER", "--investor", "蓉创天使基金", "--password"))
                .isZero();
        assertThat(user("disable", "nobody-here")).isEqualTo(1);
        try (ConfigurableApplicationContext ledger = serve()) {
            assertThat(client(ledger, "wang.fang", "analyst-password").get("/api/regions").status()).isEqualTo(401);
            LedgerHttp fund = client(ledger, "wang.fang", "another-password");
            assertThat(fund.get("/api/regions/chengyu/totals").status()).as("no longer an analyst").isEqualTo(403);
            assertThat(fund.get("/api/users/wang.fang").status()).isEqualTo(403);
            assertThat(client(ledger, "admin", LedgerHttp.ADMIN_PASSWORD).get("/api/users/wang.fang").json()
                               .get("investors").get(0).asText()).isEqualTo("蓉创天使基金");
        }

        assertThat(user("disable", "wang.fang")).isZero();
        assertThat(printed(() -> user("list"))).containsPattern("wang.fang +FUND_MANAGER +disabled");
    }

    private static String printed(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
