package cn.incubation.ledger.shared;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Money's bounds: what an investment may be, judged without ever writing an extreme decimal out. */
class MoneyTest {

    private static Money money(String amount, String currency, String rate) {
        return new Money(new BigDecimal(amount), currency, rate == null ? null : new BigDecimal(rate));
    }

    private static void rejected(String amount, String currency, String rate, String field, String rule) {
        assertThatThrownBy(() -> money(amount, currency, rate))
                .isInstanceOfSatisfying(LedgerRejection.class, r -> {
                    assertThat(r.kind()).isEqualTo(LedgerRejection.Kind.INVALID_INPUT);
                    assertThat(r.field()).isEqualTo(field);
                    assertThat(r.rule()).contains(rule);
                    assertThat(r.getMessage().length()).isLessThan(400);
                });
    }

    @Test
    void amountsInRenminbiRoundHalfEvenToTheFen() {
        assertThat(Money.amountCny(new BigDecimal("0.125"), BigDecimal.ONE)).isEqualByComparingTo("0.12");
        assertThat(Money.amountCny(new BigDecimal("0.135"), BigDecimal.ONE)).isEqualByComparingTo("0.14");
        assertThat(money("1234.57", "USD", "7.123456").amountCny()).hasToString("8794.41");
    }

    @Test
    void refusesExtremeDecimalsByTheirScaleAndSizeWithoutExpandingThem() {
        rejected("1e-999999999", "CNY", null, "amount", "at most 2 decimal places");
        rejected("1e999999999", "CNY", null, "amount", "must be at most");
        rejected("0.001", "CNY", null, "amount", "at most 2 decimal places");
        rejected("-5", "CNY", null, "amount", "must be positive");
        rejected("0", "CNY", null, "amount", "must be positive");
        rejected("10", "USD", "1e300", "cnyRate", "must be at most 1000");
        rejected("10", "USD", "1e-999999999", "cnyRate", "at most 8 decimal places");
        rejected("10", "USD", "0.000001", "cnyRate", "must be at least 0.00001");
        rejected("10", "USD", "7.123456789", "cnyRate", "at most 8 decimal places");
    }

    @Test
    void oneInvestmentIsAtMostAHundredBillionYuanAfterConversion() {
        assertThat(money("100000000000", "CNY", null).amountCny()).isEqualByComparingTo("1e11");
        rejected("100000000000.01", "CNY", null, "amount", "at most 100000000000 yuan");
        assertThat(money("14084507042.25", "USD", "7.1").amountCny()).isEqualByComparingTo("99999999999.98");
        rejected("14084507042.26", "USD", "7.1", "amount", "at most 100000000000 yuan");
    }

    @Test
    void anAmountWorthLessThanAFenIsRefused() {
        rejected("0.01", "VND", "0.00028", "amount", "less than one fen");
        assertThat(money("100", "VND", "0.00028").amountCny()).isEqualByComparingTo("0.03");
    }

    @Test
    void onlyCurrenciesThatCirculateAreAccepted() {
        for (String code : new String[] {"XXX", "XTS", "XAU", "XDR", "usd", "ABC", "人民币"}) {
            rejected("10", code, "1", "currency", "ISO 4217");
        }
        assertThat(money("10", "JPY", "0.048").currency()).isEqualTo("JPY");
        assertThat(money("10", "XOF", "0.012").currency()).isEqualTo("XOF");
    }

    @Test
    void renminbiTakesNoRateButOne() {
        assertThat(money("10", "CNY", "1.000").cnyRate()).isEqualByComparingTo("1");
        rejected("10", "CNY", "7.1", "cnyRate", "must be 1 or absent for CNY");
        rejected("10", "USD", null, "cnyRate", "is required");
    }
}
