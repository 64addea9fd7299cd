package cn.incubation.ledger.incubationrules;

import cn.incubation.ledger.incubationrules.RuleSet.Criterion;
import cn.incubation.ledger.incubationrules.RuleSet.Threshold;
import cn.incubation.ledger.incubationrules.RuleSet.Window;
import cn.incubation.ledger.incubator.AccreditationLevel;
import cn.incubation.ledger.incubator.CarrierKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rule file in config/, which set is in force on which date, and a bad file's errors naming their lines. */
class IncubationRulesTest {

    private static final IncubationRules RULES = IncubationRules.load(Path.of("config", "incubation-rules.yaml"));

    @Test
    void the2018RulesJudgeUpToTheDayBeforeThe2025OnesAndEveryEarlierDate() {
        assertThat(RULES.inForceOn(LocalDate.of(2025, 7, 9)).id()).isEqualTo("most-2018");
        assertThat(RULES.inForceOn(LocalDate.of(2025, 7, 10)).id()).isEqualTo("miit-2025");
        assertThat(RULES.inForceOn(LocalDate.of(2016, 1, 1)).id()).isEqualTo("most-2018");
        assertThat(RULES.inForceOn(LocalDate.of(2035, 12, 31)).id()).isEqualTo("miit-2025");

        IncubationRules.Applied early = RULES.appliedOn(LocalDate.of(2016, 1, 1));
        assertThat(early.note()).contains("earliest rule set", "2018-12-14");
        assertThat(RULES.appliedOn(LocalDate.of(2019, 1, 1)).note()).isNull();
        assertThat(RULES.appliedOn(LocalDate.of(2019, 1, 1)).until()).isEqualTo(LocalDate.of(2025, 7, 9));
        assertThat(RULES.appliedOn(LocalDate.of(2025, 7, 10)).until()).isNull();
    }

    @Test
    void the2018SetHoldsTheValuesOfTheDomainAndNoneIsProvisional() {
        RuleSet set = RULES.inForceOn(LocalDate.of(2020, 1, 1));

        assertThat(set.document()).isEqualTo("国科发区〔2018〕300号");
        assertThat(set.admissionAge().maxMonths()).isEqualTo(24);
        assertThat(set.incubationPeriod().maxMonths()).isEqualTo(48);
        assertThat(set.incubationPeriod().monthsFor("人工智能")).isEqualTo(48);
        assertThat(set.incubationPeriod().monthsFor("生物医药（创新药）")).isEqualTo(60);
        assertThat(set.incubationPeriod().monthsFor(null)).isEqualTo(48);
        assertThat(set.accreditationLapse().consecutiveFails()).isEqualTo(2);
        assertThat(set.accreditationLapse().level()).isEqualTo(AccreditationLevel.NATIONAL);
        assertThat(set.admissionAge().carrierKinds()).containsExactly(CarrierKind.INCUBATOR);
        Map<Criterion, String> minimums = set.standing().criteria().stream().collect(Collectors.toMap(
                Threshold::criterion, t -> t.min().stripTrailingZeros().toPlainString()));
        assertThat(minimums).containsEntry(Criterion.FLOOR_AREA_M2, "10000")
                            .containsEntry(Criterion.TENANTS_IN_INCUBATION, "50")
                            .containsEntry(Criterion.TENANTS_PER_1000_M2, "3")
                            .containsEntry(Criterion.GRADUATES, "20")
                            .containsEntry(Criterion.STAFF_PER_TENANT, "0.1")
                            .containsEntry(Criterion.FINANCED_SHARE, "0.1");
        assertThat(set.standing().criteria()).allSatisfy(t -> assertThat(t.rule().provisional()).isFalse());
        assertThat(set.admissionAge().rule().provisional()).isFalse();
        assertThat(set.provisionalValues()).as("only the ledger's reading of the sectors")
                                           .containsExactly("most-2018/incubationPeriod.longer");
        assertThat(set.standing().notRecorded()).extracting(RuleSet.NotRecorded::criterion)
                                                .contains("tenantAreaShare", "professionalStaffShare",
                                                          "mentorsPerTenant", "seedFund");
        assertThat(set.incubationPeriod().rule().id()).isEqualTo("most-2018/incubationPeriod");
        assertThat(set.incubationPeriod().rule().document()).isEqualTo("《科技企业孵化器管理办法》（国科发区〔2018〕300号）");
    }

    @Test
    void every2025ValueIsProvisionalForNoneWasReadInTheMeasuresThemselves() {
        RuleSet set = RULES.inForceOn(LocalDate.of(2025, 7, 10));

        assertThat(set.document()).isEqualTo("工信部科〔2025〕131号");
        assertThat(set.provisionalValues()).contains("miit-2025/admissionAge", "miit-2025/standing.floorAreaM2",
                                                     "miit-2025/incubationPeriod.longer");
        assertThat(set.admissionAge().rule().provisional()).isTrue();
        assertThat(set.incubationPeriod().rule().provisional()).isTrue();
        assertThat(set.accreditationLapse().rule().provisional()).isTrue();
        assertThat(set.standing().criteria()).allSatisfy(t -> assertThat(t.rule().provisional()).isTrue());
        assertThat(set.standing().criteria()).filteredOn(t -> t.criterion() == Criterion.FINANCED_SHARE)
                                             .singleElement()
                                             .satisfies(t -> assertThat(t.window()).isEqualTo(Window.PREVIOUS_YEAR));
    }

    @Test
    void aBadFileNamesEveryProblemWithItsLine() {
        String yaml = """
                ruleSets:
                  - id: Bad Id
                    title: t
                    titleEn: t
                    document: d
                    issuer: i
                    from: 2018-13-01
                    tier: x
                    rules:
                      admissionAge:
                        maxMonths: twenty
                        carrierKinds: [INCUBATOR, SPACESHIP]
                        title: t
                        clause: c
                      incubationPeriod:
                        maxMonths: 48
                        carrierKinds: [INCUBATOR]
                        title: t
                        clause: c
                        provisional: maybe
                      closedCarrier: {title: t, clause: c, provisional: false}
                      accreditationLapse:
                        consecutiveFails: 2
                        level: GALACTIC
                        carrierKinds: [INCUBATOR]
                        title: t
                        clause: c
                        provisional: false
                        atRisk: {title: t, clause: c, provisional: false}
                    standing:
                      carrierKinds: [INCUBATOR]
                      criteria:
                        floorArea: {min: 1, clause: c, provisional: false}
                        graduates: {min: -3, clause: c, provisional: false}
                """;

        assertThatThrownBy(() -> read(yaml))
                .isInstanceOf(InvalidRuleFileException.class)
                .satisfies(e -> assertThat(((InvalidRuleFileException) e).problems()).containsExactly(
                        "line 2, ruleSets[0].id: must be lowercase letters, digits and hyphens, such as most-2018; "
                                + "found 'Bad Id'",
                        "line 7, ruleSets[0].from: must be a date YYYY-MM-DD, found '2018-13-01'",
                        "line 11, ruleSets[0] (Bad Id).rules.admissionAge: provisional is missing",
                        "line 11, ruleSets[0] (Bad Id).rules.admissionAge.maxMonths: must be a whole number from 1 to "
                                + "600, found 'twenty'",
                        "line 12, ruleSets[0] (Bad Id).rules.admissionAge.carrierKinds[1]: must be one of "
                                + "[MAKER_SPACE, INCUBATOR, ACCELERATOR, UNIVERSITY_SCIENCE_PARK, "
                                + "CONCEPT_VERIFICATION_CENTER], found 'SPACESHIP'",
                        "line 20, ruleSets[0] (Bad Id).rules.incubationPeriod.provisional: must be true or false, "
                                + "found 'maybe'",
                        "line 24, ruleSets[0] (Bad Id).rules.accreditationLapse.level: must be one of [DISTRICT, "
                                + "MUNICIPAL, PROVINCIAL, NATIONAL], found 'GALACTIC'",
                        "line 33, ruleSets[0] (Bad Id).standing.criteria: unknown key floorArea; the keys are "
                                + "floorAreaM2, tenantsInIncubation, tenantsPer1000M2, graduates, staffPerTenant, "
                                + "financedShare, operatingYears",
                        "line 34, ruleSets[0] (Bad Id).standing.criteria.graduates.min: must be from 0 to 10000000, "
                                + "found -3"))
                .hasMessageContaining("Incubation rules test.yaml have 9 problems");
    }

    @Test
    void setsMustBeListedInTheOrderTheyTookEffect() throws IOException {
        String file = Files.readString(Path.of("config", "incubation-rules.yaml"), StandardCharsets.UTF_8)
                           .replace("from: 2025-07-10", "from: 2017-01-01");

        assertThatThrownBy(() -> read(file))
                .hasMessageContaining("(miit-2025): from 2017-01-01 must be after the from of the set before it "
                                      + "(2018-12-14)");
    }

    @Test
    void notYamlAndAnEmptyFileAreRefusedToo() {
        assertThatThrownBy(() -> read("ruleSets: [unclosed")).isInstanceOf(InvalidRuleFileException.class)
                                                              .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> read("")).hasMessageContaining("found an empty file");
        assertThatThrownBy(() -> read("ruleSets: []")).hasMessageContaining("line 1, ruleSets is empty");
    }

    @Test
    void theLedgerStartsWithThePackedCopyAndRefusesAFileThatIsNotThere(@TempDir Path dir) {
        ApplicationContextRunner context = new ApplicationContextRunner()
                .withUserConfiguration(IncubationRulesConfiguration.class);

        context.run(started -> assertThat(started.getBean(IncubationRules.class).all()).hasSize(2));
        assertThat(IncubationRulesConfiguration.load(IncubationRulesConfiguration.DEFAULT_LOCATION, dir).source())
                .isEqualTo("classpath:incubation-rules.yaml");
        context.withPropertyValues("ledger.incubation-rules=" + dir.resolve("mine.yaml")).run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("does not exist");
        });
    }

    private static IncubationRules read(String yaml) {
        return IncubationRules.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }
}
