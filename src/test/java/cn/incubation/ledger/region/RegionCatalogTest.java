package cn.incubation.ledger.region;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalog the ledger ships, config/regions.yaml: its coverage, and how totals roll up through it. */
class RegionCatalogTest {

    private static RegionCatalog catalog;

    @BeforeAll
    static void loadShippedCatalog() {
        catalog = RegionCatalog.load(Path.of("config", "regions.yaml"));
    }

    @Test
    void holdsEveryProvincialLevelDivision() {
        List<Region> provinces = ofLevel(RegionLevel.PROVINCE);

        assertThat(provinces).hasSize(34).allMatch(province -> province.parentCode() == null);
        assertThat(provinces).extracting(Region::code)
                .contains("110000", "310000", "500000", "510000", "540000", "650000", "710000", "810000", "820000");
    }

    @Test
    void holdsChongqingsTwentySixDistrictsAndTwelveCountiesDirectlyUnderTheMunicipality() {
        List<Region> chongqing = catalog.children("500000");

        assertThat(chongqing).hasSize(38).allMatch(region -> region.level() == RegionLevel.COUNTY);
        assertThat(chongqing).filteredOn(region -> region.nameZh().endsWith("区")).hasSize(26);
        assertThat(chongqing).extracting(Region::code)
                .contains("500154", "500155", "500156")
                .doesNotContain("500100", "500200", "500228", "500232", "500234");
    }

    @Test
    void holdsSichuansTwentyOnePrefecturesAndTheirHundredAndEightyThreeCounties() {
        assertThat(catalog.children("510000")).hasSize(21).allMatch(region -> region.level() == RegionLevel.CITY);
        assertThat(catalog.leaves("510000")).hasSize(183)
                .allMatch(code -> catalog.require(code).level() == RegionLevel.COUNTY);
        assertThat(catalog.children("510100")).extracting(Region::code)
                .hasSize(20)
                .contains("510117", "510118", "510185")
                .doesNotContain("510124", "510132");
        assertThat(catalog.children("511000")).extracting(Region::code).contains("511083");
    }

    @Test
    void holdsShanghaisSixteenDistricts() {
        assertThat(catalog.children("310000")).hasSize(16).extracting(Region::code)
                .contains("310104", "310115", "310151");
    }

    @Test
    void holdsTwoHundredAndNinetyTwoDivisionsAndTheChengduChongqingCircle() {
        assertThat(ofLevel(RegionLevel.CITY)).hasSize(21);
        assertThat(ofLevel(RegionLevel.COUNTY)).hasSize(16 + 38 + 183);
        assertThat(ofLevel(RegionLevel.ECONOMIC_REGION)).extracting(Region::code).containsExactly("chengyu");
        assertThat(catalog.all()).hasSize(34 + 21 + 16 + 38 + 183 + 1);
    }

    @Test
    void findsADivisionWithItsNamesParentAndLevel() {
        assertThat(catalog.require("500112"))
                .isEqualTo(new Region("500112", "渝北区", "Yubei District", "500000", RegionLevel.COUNTY));
        assertThat(catalog.find("510100")).map(Region::nameZh).contains("成都市");
        assertThat(catalog.require("chengyu").nameZh()).isEqualTo("成渝地区双城经济圈");
    }

    @Test
    void rollsAChongqingDistrictUpToTheMunicipalityAndTheCircle() {
        assertThat(catalog.rollUps("500112")).containsExactly("500112", "500000", "chengyu");
    }

    @Test
    void rollsAChengduDistrictUpThroughCityAndProvinceToTheCircle() {
        assertThat(catalog.rollUps("510104")).containsExactly("510104", "510100", "510000", "chengyu");
    }

    @Test
    void leavesOutTheCountiesThePlanExcludes() {
        assertThat(catalog.rollUps("511781")).containsExactly("511781", "511700", "510000");
        for (String excluded : List.of("510726", "510727", "511825", "511827")) {
            assertThat(catalog.rollUps(excluded)).as(excluded).doesNotContain("chengyu").contains("510000");
        }
        assertThat(catalog.rollUps("511702")).contains("chengyu");
        assertThat(catalog.rollUps("511826")).contains("chengyu");
    }

    @Test
    void leavesOutSichuanCitiesOutsideThePlanAndChongqingsOuterCounties() {
        for (String outside : List.of("510400", "510802", "511902", "513201", "513301", "513401",
                                      "500229", "500236", "500237", "500238", "500156", "500240", "500241",
                                      "500242", "500243")) {
            assertThat(catalog.rollUps(outside)).as(outside).doesNotContain("chengyu");
        }
    }

    @Test
    void countsTwentySevenChongqingMembersAndKaizhouAndYunyangAsPartial() {
        Set<String> chongqingLeaves = Set.copyOf(catalog.leaves("chengyu").stream()
                                                         .filter(code -> code.startsWith("50")).toList());

        assertThat(chongqingLeaves).hasSize(27 + 2).contains("500103", "500112", "500101", "500233");
        assertThat(catalog.partialMembers("chengyu")).containsExactly("500154", "500235");
        assertThat(chongqingLeaves).containsAll(catalog.partialMembers("chengyu"));
        assertThat(catalog.rollUps("500154")).containsExactly("500154", "500000", "chengyu");
        assertThat(catalog.partialMembers("500154")).isEmpty();
    }

    @Test
    void coversFifteenSichuanCitiesLessFiveCounties() {
        assertThat(catalog.children("chengyu")).filteredOn(region -> region.level() == RegionLevel.CITY)
                .extracting(Region::code)
                .containsExactly("510100", "510300", "510500", "510600", "510700", "510900", "511000", "511100",
                                 "511300", "511400", "511500", "511600", "511700", "511800", "512000");
        // The fifteen cities hold 118 counties; the plan leaves out Beichuan, Pingwu, Wanyuan, Tianquan, Baoxing.
        assertThat(catalog.leaves("chengyu")).filteredOn(code -> code.startsWith("51")).hasSize(118 - 5);
        assertThat(catalog.children("chengyu")).hasSize(27 + 2 + 15);
    }

    @Test
    void rollsACityMemberUpToTheCircleButNotItsProvince() {
        assertThat(catalog.rollUps("511700")).containsExactly("511700", "510000", "chengyu");
        assertThat(catalog.rollUps("510000")).containsExactly("510000");
        assertThat(catalog.rollUps("chengyu")).containsExactly("chengyu");
    }

    @Test
    void treatsADivisionWithoutChildrenAsItsOwnLeaf() {
        assertThat(catalog.leaves("110000")).containsExactly("110000");
        assertThat(catalog.leaves("510104")).containsExactly("510104");
        assertThat(catalog.children("510104")).isEmpty();
        assertThat(catalog.rollUps("110000")).containsExactly("110000");
    }

    @Test
    void coversExactlyTheLeavesItListsForEveryRegion() {
        List<String> leafCodes = catalog.all().stream()
                .filter(Region::isDivision)
                .map(Region::code)
                .filter(code -> catalog.children(code).isEmpty())
                .toList();
        for (Region region : catalog.all()) {
            for (String leaf : leafCodes) {
                assertThat(catalog.covers(region.code(), leaf))
                        .as("%s covers %s", region.code(), leaf)
                        .isEqualTo(catalog.leaves(region.code()).contains(leaf));
            }
        }
        assertThat(catalog.covers("510000", "510104")).isTrue();
        assertThat(catalog.covers("500000", "510104")).isFalse();
        assertThat(catalog.covers("chengyu", "511781")).isFalse();
        assertThat(catalog.covers("510100", "510100")).isTrue();
    }

    @Test
    void namesAnUnknownCodeAndSaysItIsNotInTheCatalog() {
        assertThat(catalog.find("999999")).isEmpty();
        assertThat(catalog.isKnown("999999")).isFalse();
        assertThat(catalog.isKnown("500112")).isTrue();
        assertThatThrownBy(() -> catalog.require("999999"))
                .isInstanceOf(UnknownRegionException.class)
                .hasMessageContaining("'999999'")
                .hasMessageContaining("not in the region catalog")
                .satisfies(e -> assertThat(((UnknownRegionException) e).code()).isEqualTo("999999"));
        assertThatThrownBy(() -> catalog.rollUps("510124")).isInstanceOf(UnknownRegionException.class);
        assertThatThrownBy(() -> catalog.covers("chengyu", "999999")).isInstanceOf(UnknownRegionException.class);
        assertThatThrownBy(() -> catalog.covers("nowhere", "500112")).isInstanceOf(UnknownRegionException.class);
    }

    @Test
    void handsOutViewsThatCannotBeChanged() {
        assertThatThrownBy(() -> catalog.rollUps("500112").add("510000"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> catalog.leaves("chengyu").clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> catalog.all().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> catalog.children("500000").clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static List<Region> ofLevel(RegionLevel level) {
        return catalog.all().stream().filter(region -> region.level() == level).toList();
    }
}
