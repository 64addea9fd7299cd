package cn.incubation.ledger.region;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading a region catalog file: what it accepts, and that each mistake is named with its line and entry. */
class RegionCatalogLoadingTest {

    private static final String SICHUAN = """
            divisions:
              - {code: "510000", zh: 四川省, en: Sichuan Province}
              - {code: "510100", zh: 成都市, en: Chengdu City, parent: "510000"}
              - {code: "510104", zh: 锦江区, en: Jinjiang District, parent: "510100"}
              - {code: "510105", zh: 青羊区, en: Qingyang District, parent: "510100"}
              - {code: "511700", zh: 达州市, en: Dazhou City, parent: "510000"}
              - {code: "511781", zh: 万源市, en: Wanyuan City, parent: "511700"}
            """;

    @Test
    void readsUnquotedCodesAndAFileWithoutEconomicRegions() {
        RegionCatalog catalog = load("""
                divisions:
                  - {code: 500000, zh: 重庆市, en: Chongqing Municipality}
                  - {code: 500112, zh: 渝北区, en: Yubei District, parent: 500000}
                """);

        assertThat(catalog.rollUps("500112")).containsExactly("500112", "500000");
    }

    @Test
    void readsAnEconomicRegionWithExclusionsAndPartialMembers() {
        RegionCatalog catalog = load(SICHUAN + """
                economicRegions:
                  - code: west
                    zh: 西部
                    en: West
                    members: ["510100", "511700"]
                    excluded: ["511781"]
                  - code: jinjiang
                    zh: 锦江
                    en: Jinjiang
                    members: ["510105"]
                    partialMembers: ["510104"]
                """);

        assertThat(catalog.rollUps("510104")).containsExactly("510104", "510100", "510000", "west", "jinjiang");
        assertThat(catalog.rollUps("511781")).containsExactly("511781", "511700", "510000");
        assertThat(catalog.leaves("west")).containsExactly("510104", "510105");
        assertThat(catalog.children("jinjiang")).extracting(Region::code).containsExactly("510105", "510104");
        assertThat(catalog.partialMembers("jinjiang")).containsExactly("510104");
    }

    @Test
    void rejectsACodeThatIsNotSixDigits() {
        assertProblems("""
                divisions:
                  - {code: "510000", zh: 四川省, en: Sichuan Province}
                  - {code: "51010", zh: 成都市, en: Chengdu City, parent: "510000"}
                """, "line 3, divisions[1] (code 51010): code must be six digits (GB/T 2260, such as 500112)");
    }

    @Test
    void rejectsAParentThatIsNotInTheFile() {
        assertProblems("""
                divisions:
                  - {code: "510000", zh: 四川省, en: Sichuan Province}
                  - {code: "510104", zh: 锦江区, en: Jinjiang District, parent: "510100"}
                """, "line 3, divisions[1] (code 510104): parent 510100 is not a division in the file");
    }

    @Test
    void rejectsAParentThatDisagreesWithTheCode() {
        assertProblems("""
                divisions:
                  - {code: "500000", zh: 重庆市, en: Chongqing Municipality}
                  - {code: "510104", zh: 锦江区, en: Jinjiang District, parent: "500000"}
                  - {code: "510100", zh: 成都市, en: Chengdu City, parent: "510000"}
                """,
                "line 3, divisions[1] (code 510104): a county-level division's parent must be its city 510100 or, "
                + "where it has none (as in Chongqing), its province 510000; got 500000",
                "line 4, divisions[2] (code 510100): parent 510000 is not a division in the file");
    }

    @Test
    void rejectsACountyHungUnderItsProvinceWhenItsCityIsListed() {
        assertProblems(SICHUAN + """
                  - {code: "510106", zh: 金牛区, en: Jinniu District, parent: "510000"}
                """, "line 8, divisions[6] (code 510106): parent should be 510100, which is in the file, not 510000");
    }

    @Test
    void rejectsAProvinceWithAParent() {
        assertProblems("""
                divisions:
                  - {code: "510000", zh: 四川省, en: Sichuan Province, parent: "500000"}
                """, "line 2, divisions[0] (code 510000): a provincial-level division has no parent, but parent "
                     + "500000 is given");
    }

    @Test
    void rejectsACodeListedTwice() {
        assertProblems(SICHUAN + """
                  - {code: "510104", zh: 锦江区, en: Jinjiang District, parent: "510100"}
                """, "line 8, divisions[6] (code 510104): code 510104 appears again; it is first used on line 4");
    }

    @Test
    void rejectsMissingNamesAndMisspeltKeys() {
        assertProblems("""
                divisions:
                  - {code: "510000", zh: 四川省, en: Sichuan Province}
                  - {code: "510100", zh: 成都市, parnet: "510000"}
                """,
                "line 3, divisions[1]: unknown key parnet; the keys are code, en, parent, zh",
                "line 3, divisions[1] (code 510100): en (the English name) is missing");
    }

    @Test
    void rejectsAnEconomicRegionMemberThatIsNotADivision() {
        assertProblems(SICHUAN + """
                economicRegions:
                  - code: west
                    zh: 西部
                    en: West
                    members: ["510100", "510300"]
                """, "line 12, economicRegions[0] (code west).members[1]: 510300 is not a division in the file");
    }

    @Test
    void rejectsAnExclusionOutsideEveryMemberAndAMemberInsideAnother() {
        assertProblems(SICHUAN + """
                economicRegions:
                  - code: west
                    zh: 西部
                    en: West
                    members: ["510100", "510104"]
                    excluded: ["511781"]
                """,
                "line 12, economicRegions[0] (code west).members[1]: 510104 lies inside 510100, listed in "
                + "economicRegions[0] (code west).members[0]",
                "line 13, economicRegions[0] (code west).excluded[0]: 511781 lies inside no member, so there is "
                + "nothing to exclude it from");
    }

    @Test
    void rejectsAnEconomicRegionCodeThatCouldBeMistakenForADivision() {
        assertProblems(SICHUAN + """
                economicRegions:
                  - {code: "CY-1", zh: 成渝, en: Chengyu, members: ["510100"]}
                  - {code: west, zh: 西部, en: West}
                """,
                "line 9, economicRegions[0] (code CY-1): an economic region's code must be a lowercase word such "
                + "as chengyu",
                "line 10, economicRegions[1] (code west): members is missing; an economic region needs at least one");
    }

    @Test
    void rejectsAFileThatIsNotYaml() {
        assertThatThrownBy(() -> load("divisions:\n  - {code: \"510000\", zh: 四川省\n"))
                .isInstanceOf(InvalidRegionCatalogException.class)
                .hasMessageStartingWith("Region catalog test.yaml: not valid YAML:");
    }

    @Test
    void rejectsAnEmptyFileAndAFileWithoutDivisions() {
        assertProblems("", "expected a mapping with the keys divisions and economicRegions, found an empty file");
        assertProblems("economicRegions: []\n", "the key divisions is missing; it lists the administrative divisions");
        assertProblems("divisions: 510000\n", "line 1, divisions: expected a list, found '510000'");
    }

    @Test
    void namesTheFileAndEveryProblemInOneMessage(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("regions.yaml");
        Files.writeString(file, """
                divisions:
                  - {code: "5100", zh: 四川省, en: Sichuan Province}
                  - {code: "510100", zh: 成都市, en: Chengdu City, parent: "510000"}
                """);

        assertThatThrownBy(() -> RegionCatalog.load(file))
                .isInstanceOf(InvalidRegionCatalogException.class)
                .hasMessageStartingWith("Region catalog " + file + " has 2 problems:")
                .hasMessageContaining("line 2, divisions[0] (code 5100): code must be six digits")
                .hasMessageContaining("line 3, divisions[1] (code 510100): parent 510000 is not a division");
    }

    @Test
    void saysWhichFileCannotBeRead(@TempDir Path dir) {
        Path missing = dir.resolve("missing.yaml");

        assertThatThrownBy(() -> RegionCatalog.load(missing))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(missing.toString());
    }

    private static void assertProblems(String yaml, String... problems) {
        assertThatThrownBy(() -> load(yaml))
                .isInstanceOf(InvalidRegionCatalogException.class)
                .satisfies(e -> assertThat(((InvalidRegionCatalogException) e).problems()).containsExactly(problems));
    }

    private static RegionCatalog load(String yaml) {
        return RegionCatalog.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }
}
