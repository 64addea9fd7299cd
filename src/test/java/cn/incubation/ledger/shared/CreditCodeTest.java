package cn.incubation.ledger.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CreditCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "91350100M000100Y43",  // the example printed in GB 32100-2015
            "91110000600037341L",  // a published code of a Beijing-registered company
            "91510100MA6123456W"})
    void acceptsCodesWithTheRightCheckCharacter(String code) {
        assertThat(new CreditCode(code).value()).isEqualTo(code);
    }

    @Test
    void computesTheCheckCharacterOfTheStandardsExample() {
        assertThat(CreditCode.checkCharacter("91350100M000100Y4")).isEqualTo('3');
    }

    @Test
    void rejectsAWrongCheckCharacterSayingWhichItShouldBe() {
        assertThatThrownBy(() -> new CreditCode("91350100M000100Y44"))
                .isInstanceOf(LedgerRejection.class)
                .hasMessage("creditCode = 91350100M000100Y44: check character must be '3' (GB 32100-2015)");
    }

    @Test
    void rejectsWrongLengthsAndLettersOutsideTheAlphabet() {
        assertThatThrownBy(() -> new CreditCode("9135010"))
                .hasMessage("creditCode = 9135010: must have 18 characters (GB 32100-2015)");
        assertThatThrownBy(() -> new CreditCode("91350100M000100I43"))
                .hasMessageContaining("character 16 'I' is not allowed");
    }

    @Test
    void normalisesCaseAndSurroundingSpaces() {
        assertThat(new CreditCode(" 91350100m000100y43 ").value()).isEqualTo("91350100M000100Y43");
    }
}
