package cn.incubation.ledger.warnings.projection;

import cn.incubation.ledger.incubationrules.IncubationRules;
import cn.incubation.ledger.incubator.CarrierKind;
import cn.incubation.ledger.warnings.Warning;
import cn.incubation.ledger.warnings.WarningCode;
import cn.incubation.ledger.warnings.projection.CarrierRecord.Fact;
import cn.incubation.ledger.warnings.projection.CarrierRecord.TenantEntry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each warning's dates in both times, judged on records built by hand under the rule file in config/. */
class WarningJudgeTest {

    private static final IncubationRules RULES = IncubationRules.load(Path.of("config", "incubation-rules.yaml"));
    private static final Instant EARLY = Instant.parse("2016-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    private final WarningJudge judge = new WarningJudge(RULES);
    private final List<Fact> facts = new ArrayList<>();
    private final List<TenantEntry> tenants = new ArrayList<>();
    private CarrierKind kind = CarrierKind.INCUBATOR;

    @Test
    void anIncubationIsBeyondTheLimitFromTheDayAfterItsLastMonthUntilItsEndAsKnown() {
        Instant endRecorded = Instant.parse("2023-07-05T00:00:00Z");
        tenant("t1", "2019-02-01", null, false, "人工智能", "2023-06-30", endRecorded);

        assertThat(codes("2023-02-01", NOW)).isEmpty();
        assertThat(only("2023-02-02", NOW).since()).isEqualTo(LocalDate.of(2023, 2, 2));
        assertThat(only("2023-02-02", NOW).message()).contains("48", "2023-02-01");
        assertThat(codes("2023-06-30", NOW)).as("ended that day").isEmpty();
        assertThat(codes("2023-07-01", endRecorded.minusSeconds(1))).as("its end not yet known")
                .containsExactly(WarningCode.INCUBATION_BEYOND_LIMIT);
        assertThat(codes("2023-07-01", endRecorded)).isEmpty();
    }

    @Test
    void theThreeFieldsOfTheRulesHaveSixtyMonthsAndSaySoProvisionally() {
        tenant("bio", "2019-02-01", null, false, "生物医药（细胞治疗）", null, null);

        assertThat(codes("2023-02-02", NOW)).isEmpty();
        Warning warning = only("2024-02-02", NOW);
        assertThat(warning.message()).contains("60", "生物医药");
        assertThat(warning.rule().provisional()).as("the sector matching is the ledger's reading").isTrue();
    }

    @Test
    void aCompanyTooOldAtAdmissionIsJudgedByTheRulesOfItsAdmissionDateWhileInIncubation() {
        tenant("exactly", "2018-01-01", "2016-01-01", false, "s", null, null);
        tenant("older", "2018-01-02", "2016-01-01", false, "s", "2019-01-01", NOW);
        tenant("team", "2018-01-02", null, true, "s", null, null);

        List<Warning> warnings = judge("2018-06-30", NOW);
        assertThat(warnings).extracting(Warning::tenantId).containsExactly("older");
        assertThat(warnings.get(0).since()).isEqualTo(LocalDate.of(2018, 1, 2));
        assertThat(warnings.get(0).rule().id()).isEqualTo("most-2018/admissionAge");
        assertThat(codes("2019-01-01", NOW)).as("no longer in incubation").isEmpty();
        assertThat(codes("2018-01-01", NOW)).as("before its admission").isEmpty();
    }

    @Test
    void theAgeRuleIsTheAdmissionDatesEvenWhenAsOfFallsUnderTheNextSet() {
        tenant("under-2018", "2025-07-09", "2020-01-01", false, "s", null, null);
        tenant("under-2025", "2025-07-10", "2020-01-01", false, "s", null, null);

        List<Warning> warnings = judge("2025-08-01", NOW);
        assertThat(warnings).extracting(w -> w.rule().id())
                            .containsExactly("most-2018/admissionAge", "miit-2025/admissionAge");
        assertThat(warnings).extracting(w -> w.rule().provisional()).containsExactly(false, true);
    }

    @Test
    void onlyTheCarrierKindsTheRulesNameAreJudgedForAgeAndPeriod() {
        kind = CarrierKind.ACCELERATOR;
        tenant("grown", "2019-02-01", "2010-01-01", false, "s", null, null);

        assertThat(codes("2024-01-01", NOW)).isEmpty();
    }

    @Test
    void aTenantAtAClosedCarrierFromTheClosureUntilItsEndAndOnlyOnceTheClosureIsKnown() {
        Instant closureRecorded = Instant.parse("2022-07-02T00:00:00Z");
        fact(CarrierRecord.CLOSED, "2022-06-30", closureRecorded, "");
        tenant("stays", "2021-02-01", null, false, "s", null, null);
        tenant("left", "2021-02-01", null, false, "s", "2022-06-30", closureRecorded);

        assertThat(codes("2022-06-29", NOW)).isEmpty();
        List<Warning> warnings = judge("2022-06-30", NOW);
        assertThat(warnings).extracting(Warning::code, Warning::tenantId)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple(WarningCode.TENANT_AT_CLOSED_CARRIER,
                                                                                 "stays"));
        assertThat(warnings.get(0).since()).isEqualTo(LocalDate.of(2022, 6, 30));
        assertThat(codes("2022-06-30", closureRecorded.minusMillis(1))).isEmpty();
    }

    @Test
    void twoConsecutiveFailsLapseANationalAccreditationAndOneIsAWarning() {
        Instant secondRecorded = Instant.parse("2022-03-01T00:00:00Z");
        fact(CarrierRecord.ACCREDITED, "2018-06-01", EARLY, "NATIONAL");
        fact(CarrierRecord.RATED, "2019-12-31", EARLY, "GOOD");
        fact(CarrierRecord.RATED, "2020-12-31", EARLY, "FAIL");
        fact(CarrierRecord.RATED, "2021-12-31", secondRecorded, "FAIL");
        fact(CarrierRecord.RATED, "2022-12-31", secondRecorded, "EXCELLENT");

        assertThat(codes("2020-12-30", NOW)).isEmpty();
        Warning atRisk = only("2020-12-31", NOW);
        assertThat(atRisk.code()).isEqualTo(WarningCode.ACCREDITATION_AT_RISK);
        assertThat(atRisk.since()).isEqualTo(LocalDate.of(2020, 12, 31));
        assertThat(atRisk.tenantId()).isNull();
        Warning lapsed = only("2021-12-31", NOW);
        assertThat(lapsed.code()).isEqualTo(WarningCode.ACCREDITATION_LAPSED);
        assertThat(lapsed.message()).contains("2020、2021");
        assertThat(lapsed.rule().id()).isEqualTo("most-2018/accreditationLapse");
        assertThat(codes("2023-06-30", NOW)).as("a later good rating does not restore it")
                .containsExactly(WarningCode.ACCREDITATION_LAPSED);
        assertThat(codes("2022-06-30", secondRecorded.minusMillis(1))).as("the second FAIL not yet known")
                .containsExactly(WarningCode.ACCREDITATION_AT_RISK);
    }

    @Test
    void aNewNationalAccreditationEndsTheLapseAndAYearWithoutRatingEndsARun() {
        fact(CarrierRecord.ACCREDITED, "2018-06-01", EARLY, "NATIONAL");
        fact(CarrierRecord.RATED, "2019-12-31", EARLY, "FAIL");
        fact(CarrierRecord.RATED, "2020-12-31", EARLY, "FAIL");
        fact(CarrierRecord.ACCREDITED, "2021-05-01", EARLY, "NATIONAL");
        fact(CarrierRecord.RATED, "2022-12-31", EARLY, "FAIL");
        fact(CarrierRecord.RATED, "2024-12-31", EARLY, "FAIL");

        assertThat(codes("2021-04-30", NOW)).containsExactly(WarningCode.ACCREDITATION_LAPSED);
        assertThat(codes("2021-05-01", NOW)).isEmpty();
        assertThat(codes("2025-01-01", NOW)).as("2022 and 2024 are not consecutive")
                .containsExactly(WarningCode.ACCREDITATION_AT_RISK);
    }

    @Test
    void failsBelowTheNationalLevelAndFailsOfAClosedCarrierWarnOfNothing() {
        fact(CarrierRecord.ACCREDITED, "2018-06-01", EARLY, "PROVINCIAL");
        fact(CarrierRecord.RATED, "2019-12-31", EARLY, "FAIL");
        fact(CarrierRecord.RATED, "2020-12-31", EARLY, "FAIL");
        assertThat(codes("2021-06-30", NOW)).isEmpty();

        facts.clear();
        fact(CarrierRecord.ACCREDITED, "2018-06-01", EARLY, "NATIONAL");
        fact(CarrierRecord.RATED, "2019-12-31", EARLY, "FAIL");
        fact(CarrierRecord.CLOSED, "2020-03-01", EARLY, "");
        assertThat(codes("2020-02-29", NOW)).containsExactly(WarningCode.ACCREDITATION_AT_RISK);
        assertThat(codes("2020-03-01", NOW)).isEmpty();
    }

    @Test
    void aRuleSetOfItsOwnLimitTakesOverOnItsFirstDay() throws IOException {
        String file = Files.readString(Path.of("config", "incubation-rules.yaml"), StandardCharsets.UTF_8);
        int at = file.indexOf("id: miit-2025");
        String shorter = file.substring(0, at) + file.substring(at).replaceFirst("maxMonths: 48", "maxMonths: 36");
        WarningJudge underShorter = new WarningJudge(IncubationRules.load(
                new ByteArrayInputStream(shorter.getBytes(StandardCharsets.UTF_8)), "shorter.yaml"));
        tenant("t", "2022-01-01", null, false, "s", null, null);
        CarrierRecord carrier = carrier();

        assertThat(underShorter.judge(carrier, LocalDate.of(2025, 7, 9), NOW)).isEmpty();
        List<Warning> after = underShorter.judge(carrier, LocalDate.of(2025, 7, 10), NOW);
        assertThat(after).singleElement().satisfies(w -> {
            assertThat(w.rule().id()).isEqualTo("miit-2025/incubationPeriod");
            assertThat(w.since()).isEqualTo(LocalDate.of(2025, 1, 2));
        });
    }

    private void tenant(String id, String admittedOn, String foundedOn, boolean team, String sector, String endedOn,
                        Instant endedAt) {
        tenants.add(new TenantEntry(id, LocalDate.parse(admittedOn), EARLY,
                                    foundedOn == null ? null : LocalDate.parse(foundedOn), team, sector,
                                    endedOn == null ? null : LocalDate.parse(endedOn), endedAt));
    }

    private void fact(String type, String on, Instant recordedAt, String value) {
        facts.add(new Fact(type, LocalDate.parse(on), recordedAt, facts.size(), value));
    }

    private CarrierRecord carrier() {
        return new CarrierRecord("c", kind, "510107", EARLY, List.copyOf(facts), List.copyOf(tenants));
    }

    private List<Warning> judge(String asOf, Instant knownAt) {
        return judge.judge(carrier(), LocalDate.parse(asOf), knownAt);
    }

    private List<WarningCode> codes(String asOf, Instant knownAt) {
        return judge(asOf, knownAt).stream().map(Warning::code).toList();
    }

    private Warning only(String asOf, Instant knownAt) {
        List<Warning> warnings = judge(asOf, knownAt);
        assertThat(warnings).hasSize(1);
        return warnings.get(0);
    }
}
