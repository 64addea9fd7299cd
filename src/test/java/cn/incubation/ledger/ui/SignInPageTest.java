package cn.incubation.ledger.ui;

import cn.incubation.ledger.web.LedgerHttp;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing in through the Chinese login page, the home page, and the language switch that the next page keeps. */
class SignInPageTest extends BrowserTest {

    @Test
    void anAdministratorSignsInInChineseSwitchesToEnglishAndTheNextPageStaysEnglish() {
        open("/login");
        browser.manage().deleteAllCookies();
        open("/");
        assertThat(browser.getCurrentUrl()).as("a page without a session goes to the login page").endsWith("/login");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("登录孵化账本");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
        screenshot("login-zh");

        signIn(LedgerHttp.ADMIN, LedgerHttp.ADMIN_PASSWORD);
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/"));
        assertThat(browser.findElement(By.id("home-heading")).getText()).isEqualTo("欢迎，admin");
        assertThat(browser.findElement(By.id("signed-in-user")).getText()).contains("admin").contains("管理员");
        assertThat(browser.findElement(By.id("page-list")).getText()).contains("区域概览");
        screenshot("home-zh");

        browser.findElement(By.id("lang-switch")).click();
        waitFor().until(ExpectedConditions.textToBe(By.id("home-heading"), "Welcome, admin"));
        assertThat(cookie("ledger-lang")).as("the choice is remembered in a cookie").isNotNull();
        assertThat(browser.findElement(By.id("lang-switch")).getText()).isEqualTo("中文");
        screenshot("home-en");

        open("/");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).as("the next page, without ?lang")
                                                                             .isEqualTo("en");
        assertThat(browser.findElement(By.id("page-list")).getText()).contains("Region overview");

        browser.findElement(By.id("lang-switch")).click();
        waitFor().until(ExpectedConditions.textToBe(By.id("home-heading"), "欢迎，admin"));
        open("/");
        assertThat(browser.findElement(By.id("home-heading")).getText()).isEqualTo("欢迎，admin");
    }

    @Test
    void aWrongPasswordShowsTheReasonInChinese() {
        open("/login");
        browser.manage().deleteAllCookies();
        open("/login");
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("not-the-password");
        browser.findElement(By.id("sign-in")).click();
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("login-failed")));
        assertThat(browser.findElement(By.id("login-failed")).getText()).contains("用户名或密码错误");
        screenshot("login-failed-zh");
    }

    @Test
    void aFundManagerOpeningTheOverviewSeesTheDeniedPageNotAProblem() {
        signIn(newUser("FUND_MANAGER"), PASSWORD);
        assertThat(browser.findElement(By.tagName("main")).getText()).as("no page of the fund manager's yet")
                                                                    .contains("您的角色暂无可用页面")
                                                                    .doesNotContain("区域概览");
        open("/overview");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("无权访问此页面");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("基金管理人").contains("/overview");
        screenshot("denied-zh");

        browser.findElement(By.cssSelector(".site-user button")).click();
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("logged-out")));
        assertThat(browser.findElement(By.id("logged-out")).getText()).isEqualTo("您已退出登录。");
        open("/");
        assertThat(browser.getCurrentUrl()).as("signed out: the login page again").endsWith("/login");
    }
}
