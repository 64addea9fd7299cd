package cn.incubation.ledger.incubationrules;

import cn.incubation.ledger.incubator.AccreditationLevel;
import cn.incubation.ledger.incubator.CarrierKind;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One version of the national incubation rules (such as 国科发区〔2018〕300号), in force from {@code from} until
 * {@code until} (null while no later set replaces it): the limits on tenants, when an accreditation lapses, and the
 * thresholds of its national tier.
 */
public record RuleSet(String id, String title, String titleEn, String document, String issuer, LocalDate from,
                      LocalDate until, String tier, AgeLimit admissionAge, PeriodLimit incubationPeriod,
                      Rule closedCarrier, LapseRule accreditationLapse, StandingRules standing) {

    public RuleSet {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
    }

    /** The same set, ending the day before its successor begins. */
    RuleSet until(LocalDate lastDay) {
        return new RuleSet(id, title, titleEn, document, issuer, from, lastDay, tier, admissionAge, incubationPeriod,
                           closedCarrier, accreditationLapse, standing);
    }

    /** The ids of the rules whose values are placeholders rather than sourced ones, in the file's order. */
    public List<String> provisionalValues() {
        List<String> ids = new ArrayList<>();
        List<Rule> rules = new ArrayList<>(List.of(admissionAge.rule(), incubationPeriod.rule(), closedCarrier,
                                                   accreditationLapse.rule(), accreditationLapse.atRisk()));
        standing.criteria().forEach(threshold -> rules.add(threshold.rule()));
        standing.notRecorded().forEach(notRecorded -> rules.add(notRecorded.rule()));
        for (Rule rule : rules) {
            if (rule.provisional()) {
                ids.add(rule.id());
            }
            if (rule == incubationPeriod.rule()
                && incubationPeriod.longer().stream().anyMatch(SectorPeriod::provisional)) {
                ids.add(rule.id() + ".longer");
            }
        }
        return ids;
    }

    /**
     * What a judgement cites: the rule's id ({@code most-2018/incubationPeriod}), its title, the document it comes
     * from, the clause (a paraphrase naming its place in the document) and whether the value is a placeholder.
     */
    public record Rule(String id, String title, String document, String clause, boolean provisional) {
    }

    /** A company may be at most {@code maxMonths} old when admitted to a carrier of these kinds. */
    public record AgeLimit(Rule rule, int maxMonths, Set<CarrierKind> carrierKinds) {
    }

    /**
     * An incubation at a carrier of these kinds lasts at most {@code maxMonths}, or longer for tenants whose sector
     * names one of the fields of a {@link SectorPeriod}.
     */
    public record PeriodLimit(Rule rule, int maxMonths, List<SectorPeriod> longer, Set<CarrierKind> carrierKinds) {

        /** The limit for a tenant of this sector (free text, may be null). */
        public int monthsFor(String sector) {
            SectorPeriod longer = longerFor(sector);
            return longer == null ? maxMonths : longer.months();
        }

        /** The longest sector period above the general limit whose field the sector names; null when none does. */
        public SectorPeriod longerFor(String sector) {
            SectorPeriod chosen = null;
            for (SectorPeriod period : longer) {
                if (period.covers(sector) && period.months() > maxMonths
                    && (chosen == null || period.months() > chosen.months())) {
                    chosen = period;
                }
            }
            return chosen;
        }
    }

    /** A longer incubation for tenants whose sector contains one of these words. */
    public record SectorPeriod(int months, List<String> sectors, boolean provisional) {

        boolean covers(String sector) {
            return sector != null && sectors.stream().anyMatch(sector::contains);
        }
    }

    /**
     * A carrier of these kinds holding {@code level} loses it after {@code consecutiveFails} FAIL ratings in
     * consecutive years; {@code atRisk} is what a single FAIL cites.
     */
    public record LapseRule(Rule rule, Rule atRisk, int consecutiveFails, AccreditationLevel level,
                            Set<CarrierKind> carrierKinds) {
    }

    /** The national tier's thresholds for carriers of these kinds, and the criteria the ledger has no data for. */
    public record StandingRules(Set<CarrierKind> carrierKinds, List<Threshold> criteria,
                                List<NotRecorded> notRecorded) {
    }

    /** The criteria the ledger judges, with their names as the rules' readers know them. */
    public enum Criterion {
        FLOOR_AREA_M2("floorAreaM2", "孵化场地面积（平方米）"),
        TENANTS_IN_INCUBATION("tenantsInIncubation", "在孵企业数"),
        TENANTS_PER_1000_M2("tenantsPer1000M2", "每千平方米在孵企业数"),
        GRADUATES("graduates", "累计毕业企业数"),
        STAFF_PER_TENANT("staffPerTenant", "每家在孵企业的孵化服务人员"),
        FINANCED_SHARE("financedShare", "获得投融资的在孵企业占比"),
        OPERATING_YEARS("operatingYears", "运营年限");

        private final String key;
        private final String nameZh;

        Criterion(String key, String nameZh) {
            this.key = key;
            this.nameZh = nameZh;
        }

        /** The name in the rule file and in answers. */
        public String key() {
            return key;
        }

        public String nameZh() {
            return nameZh;
        }
    }

    /** Which investments count towards the financed share. */
    public enum Window {
        /** Any received by the date. */
        ALL,
        /** Those received in the calendar year before the date's (上年度). */
        PREVIOUS_YEAR
    }

    /** A carrier meets the criterion with a value of at least {@code min}. */
    public record Threshold(Criterion criterion, BigDecimal min, Window window, Rule rule) {
    }

    /** A criterion of the rules that the ledger cannot judge, for want of data. */
    public record NotRecorded(String criterion, String required, Rule rule) {
    }
}
