package cn.incubation.ledger.region;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A region's code decides its level, and its level whether it has a parent. */
class RegionTest {

    @Test
    void readsTheLevelFromTheCode() {
        assertThat(RegionLevel.of("510000")).isEqualTo(RegionLevel.PROVINCE);
        assertThat(RegionLevel.of("510100")).isEqualTo(RegionLevel.CITY);
        assertThat(RegionLevel.of("510104")).isEqualTo(RegionLevel.COUNTY);
        assertThat(RegionLevel.of("chengyu")).isEqualTo(RegionLevel.ECONOMIC_REGION);
        assertThatThrownBy(() -> RegionLevel.of("51010")).hasMessageContaining("'51010'");
        assertThatThrownBy(() -> RegionLevel.of("000000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegionLevel.of("Chengyu")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsALevelTheCodeDoesNotDenote() {
        assertThatThrownBy(() -> new Region("510100", "成都市", "Chengdu City", "510000", RegionLevel.COUNTY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Region 510100 is a CITY by its code, not a COUNTY");
    }

    @Test
    void rejectsAParentForAProvinceAndNoneForACounty() {
        assertThatThrownBy(() -> new Region("510000", "四川省", "Sichuan Province", "500000", RegionLevel.PROVINCE))
                .hasMessageContaining("has no parent, got 500000");
        assertThatThrownBy(() -> new Region("510104", "锦江区", "Jinjiang District", null, RegionLevel.COUNTY))
                .hasMessageContaining("needs a six-digit parent code, got null");
    }

    @Test
    void rejectsABlankName() {
        assertThatThrownBy(() -> new Region("510104", " ", "Jinjiang District", "510100", RegionLevel.COUNTY))
                .hasMessageContaining("needs a Chinese and an English name");
    }
}
