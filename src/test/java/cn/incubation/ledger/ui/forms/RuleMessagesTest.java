package cn.incubation.ledger.ui.forms;

import cn.incubation.ledger.shared.Check;
import cn.incubation.ledger.shared.CreditCode;
import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.shared.Money;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.math.BigDecimal;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The ledger's rules, as its own checks state them, read in Chinese and English; an unknown rule stays as stated. */
class RuleMessagesTest {

    private final ResourceBundleMessageSource messages = messages();

    @Test
    void translatesTheRulesOfTheLedgersOwnChecks() {
        LedgerRejection tooLong = catchThrowableOfType(LedgerRejection.class,
                                                       () -> Check.text("investor", "x".repeat(201), 200));
        LedgerRejection missing = catchThrowableOfType(LedgerRejection.class, () -> Check.required("round", null));
        LedgerRejection wrongCheck = catchThrowableOfType(LedgerRejection.class,
                                                          () -> new CreditCode("91510100MA5000008X"));
        LedgerRejection foreign = catchThrowableOfType(LedgerRejection.class,
                                                       () -> new Money(BigDecimal.TEN, "USD", null));

        assertThat(zh(tooLong)).isEqualTo("最多 200 个字符");
        assertThat(en(tooLong)).isEqualTo("must be at most 200 characters");
        assertThat(zh(missing)).isEqualTo("必填");
        assertThat(zh(wrongCheck)).startsWith("校验码应为“");
        assertThat(en(wrongCheck)).startsWith("check character must be '");
        assertThat(zh(foreign)).isEqualTo("币种不是 CNY 时必填");
    }

    @Test
    void keepsARuleWithoutAKeyAsTheLedgerStatesIt() {
        assertThat(RuleMessages.translate("a rule nobody translated", messages, Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("a rule nobody translated");
    }

    private String zh(LedgerRejection rejection) {
        return RuleMessages.translate(rejection.rule(), messages, Locale.SIMPLIFIED_CHINESE);
    }

    private String en(LedgerRejection rejection) {
        return RuleMessages.translate(rejection.rule(), messages, Locale.ENGLISH);
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }
}
