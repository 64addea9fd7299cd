package cn.incubation.ledger.ui;

import cn.incubation.ledger.web.LedgerHttp;
import cn.incubation.ledger.web.LedgerHttp.Answer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.test.context.TestPropertySource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator in the browser: sees each projection's lag, rebuilds one and follows it to the end; adds a user
 * (a wrong value marked beside its field) and disables it; and verifies the ledger.
 */
// A context of its own: a rebuild would hold up the projections other classes of the shared ledger wait for.
@TestPropertySource(properties = "ledger.security.login.address-failures=999")
class AdminPagesTest extends BrowserTest {

    @Test
    void anAdministratorSeesTheLagOfEachProjectionAndFollowsARebuildToItsEnd() {
        admitTenant(registerIncubator("510104"));
        awaitProjections();
        signIn(LedgerHttp.ADMIN, LedgerHttp.ADMIN_PASSWORD);
        open("/admin/projections");
        List<WebElement> rows = browser.findElements(By.cssSelector("#projections tbody tr"));
        assertThat(rows).isNotEmpty();
        String name = rows.get(0).getAttribute("data-projection");
        assertThat(browser.findElement(By.cssSelector("tr[data-projection='" + name + "'] td.lag")).getText())
                .isEqualTo("0");
        screenshotWholePage("admin-projections-zh");

        clickAndLoad(By.id("replay-" + name));
        assertThat(browser.findElement(By.id("flash")).getText()).isEqualTo("投影 " + name + " 已开始重建。");
        screenshot("admin-projections-replaying-zh");
        // The page reloads itself while the rebuild runs; it ends with the replay button back and nothing behind.
        waitFor().until(d -> {
            try {
                return !d.findElements(By.id("replay-" + name)).isEmpty()
                        && d.findElements(By.id("replay-running")).isEmpty();
            } catch (StaleElementReferenceException reloading) {
                return false;
            }
        });
        awaitProjections();
        open("/admin/projections");
        assertThat(browser.findElement(By.cssSelector("tr[data-projection='" + name + "'] td:nth-child(3)"))
                          .getText()).isNotEqualTo("1");
        assertThat(browser.findElement(By.cssSelector("tr[data-projection='" + name + "'] td.lag")).getText())
                .isEqualTo("0");
        screenshotWholePage("admin-projections-rebuilt-zh");
        open("/admin/projections?lang=en");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Projections");
        screenshotWholePage("admin-projections-en");
        open("/?lang=zh");
    }

    @Test
    void anAdministratorAddsAUserAndDisablesIt() {
        String carrier = registerIncubator("510104");
        signIn(LedgerHttp.ADMIN, LedgerHttp.ADMIN_PASSWORD);
        open("/admin/users");
        String name = unique("page-added");
        browser.findElement(By.id("username")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys("short");
        new Select(browser.findElement(By.id("role"))).selectByValue("OPERATOR");
        browser.findElement(By.id("incubators")).sendKeys(carrier);
        clickAndLoad(By.id("add-user-submit"));
        assertThat(browser.findElement(By.id("password-error")).getText()).startsWith("至少");
        screenshotWholePage("admin-users-error-zh");
        assertThat(http.get("/api/users/" + name).status()).isEqualTo(404);

        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        clickAndLoad(By.id("add-user-submit"));
        assertThat(browser.findElement(By.id("flash")).getText()).isEqualTo("已添加用户 " + name + "。");
        Answer added = http.get("/api/users/" + name);
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.json().get("role").asText()).isEqualTo("OPERATOR");
        assertThat(added.json().get("incubators").get(0).asText()).isEqualTo(carrier);
        screenshotWholePage("admin-users-added-zh");

        clickAndLoad(By.id("toggle-" + name));
        assertThat(browser.findElement(By.cssSelector("tr[data-user='" + name + "'] td.status")).getText())
                .isEqualTo("已停用");
        assertThat(http.get("/api/users/" + name).json().get("disabled").asBoolean()).isTrue();

        // The last administrator stays: the ledger's refusal, in Chinese.
        clickAndLoad(By.id("toggle-" + LedgerHttp.ADMIN));
        assertThat(browser.findElement(By.id("refused")).getText()).contains("最后一个可登录的管理员");
        assertThat(http.get("/api/users/" + LedgerHttp.ADMIN).json().get("disabled").asBoolean()).isFalse();
        screenshotWholePage("admin-users-refused-zh");
    }

    @Test
    void anAdministratorVerifiesTheLedger() {
        admitTenant(registerIncubator("510104"));
        signIn(LedgerHttp.ADMIN, LedgerHttp.ADMIN_PASSWORD);
        open("/admin/verification");
        browser.findElement(By.id("verify")).click();
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
        assertThat(browser.findElement(By.id("verdict")).getText()).startsWith("账本完整");
        screenshotWholePage("admin-verification-zh");
    }
}
