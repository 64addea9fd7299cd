package cn.incubation.ledger.warnings.projection;

import cn.incubation.ledger.incubationrules.IncubationRules;
import cn.incubation.ledger.incubationrules.RuleSet;
import cn.incubation.ledger.incubationrules.RuleSet.LapseRule;
import cn.incubation.ledger.incubationrules.RuleSet.PeriodLimit;
import cn.incubation.ledger.incubationrules.RuleSet.Rule;
import cn.incubation.ledger.incubationrules.RuleSet.SectorPeriod;
import cn.incubation.ledger.incubator.AccreditationLevel;
import cn.incubation.ledger.incubator.Rating;
import cn.incubation.ledger.warnings.Warning;
import cn.incubation.ledger.warnings.WarningCode;
import cn.incubation.ledger.warnings.projection.CarrierRecord.Fact;
import cn.incubation.ledger.warnings.projection.CarrierRecord.TenantEntry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Judges one carrier's record on a business date as known at an instant: which warnings hold, under the rule set in
 * force on that date (an admission's age under the set in force on the admission's own date). Facts recorded after
 * {@code knownAt} count for nothing, and a tenant whose end was recorded after it is still in incubation.
 */
final class WarningJudge {

    private static final Map<AccreditationLevel, String> LEVELS_ZH = Map.of(
            AccreditationLevel.DISTRICT, "区级", AccreditationLevel.MUNICIPAL, "市级",
            AccreditationLevel.PROVINCIAL, "省级", AccreditationLevel.NATIONAL, "国家级");

    private final IncubationRules rules;

    WarningJudge(IncubationRules rules) {
        this.rules = rules;
    }

    List<Warning> judge(CarrierRecord carrier, LocalDate asOf, Instant knownAt) {
        List<Warning> warnings = new ArrayList<>();
        if (carrier.registeredAt().isAfter(knownAt)) {
            return warnings;
        }
        RuleSet set = rules.inForceOn(asOf);
        LocalDate closedOn = known(carrier, knownAt).stream()
                                                    .filter(f -> f.type().equals(CarrierRecord.CLOSED))
                                                    .map(Fact::on).filter(on -> !on.isAfter(asOf))
                                                    .findFirst().orElse(null);
        accreditation(carrier, set.accreditationLapse(), closedOn, asOf, knownAt, warnings);
        for (TenantEntry tenant : carrier.tenants()) {
            if (!tenant.inIncubation(asOf, knownAt)) {
                continue;
            }
            if (closedOn != null) {
                warnings.add(new Warning(WarningCode.TENANT_AT_CLOSED_CARRIER, set.closedCarrier(),
                                         carrier.carrierId(), tenant.tenantId(), closedOn, String.format(
                        "载体已于 %s 关闭，该企业仍登记为在孵；请登记其毕业或退出 / the carrier closed on %s, but the tenant is "
                        + "still recorded in incubation: record its graduation or withdrawal", closedOn, closedOn)));
            }
            beyondLimit(carrier, tenant, set.incubationPeriod(), asOf, warnings);
            tooOld(carrier, tenant, warnings);
        }
        return warnings;
    }

    /** In incubation for more than the limit: from the day after admission plus the limit's months. */
    private static void beyondLimit(CarrierRecord carrier, TenantEntry tenant, PeriodLimit period, LocalDate asOf,
                                    List<Warning> warnings) {
        if (!period.carrierKinds().contains(carrier.kind())) {
            return;
        }
        SectorPeriod longer = period.longerFor(tenant.sector());
        int months = longer == null ? period.maxMonths() : longer.months();
        LocalDate lastDay = tenant.admittedOn().plusMonths(months);
        if (!asOf.isAfter(lastDay)) {
            return;
        }
        Rule rule = period.rule();
        String field = "";
        if (longer != null) {
            rule = new Rule(rule.id(), rule.title(), rule.document(), rule.clause(),
                            rule.provisional() || longer.provisional());
            field = "（" + tenant.sector() + "）";
        }
        warnings.add(new Warning(WarningCode.INCUBATION_BEYOND_LIMIT, rule, carrier.carrierId(), tenant.tenantId(),
                                 lastDay.plusDays(1), String.format(
                "%s 入孵，%s 已满 %d 个月孵化时限%s，仍在孵 / in incubation since %s, beyond the limit of %d months that "
                + "ended on %s", tenant.admittedOn(), lastDay, months, field, tenant.admittedOn(), months, lastDay)));
    }

    /** A company founded more than the limit before its admission, under the rules in force on the admission date. */
    private void tooOld(CarrierRecord carrier, TenantEntry tenant, List<Warning> warnings) {
        if (tenant.team() || tenant.foundedOn() == null) {
            return;
        }
        RuleSet.AgeLimit age = rules.inForceOn(tenant.admittedOn()).admissionAge();
        if (!age.carrierKinds().contains(carrier.kind())
            || !tenant.admittedOn().isAfter(tenant.foundedOn().plusMonths(age.maxMonths()))) {
            return;
        }
        warnings.add(new Warning(WarningCode.ADMITTED_TOO_OLD, age.rule(), carrier.carrierId(), tenant.tenantId(),
                                 tenant.admittedOn(), String.format(
                "企业成立于 %s，%s 入孵时已超过 %d 个月 / founded on %s, more than %d months before its admission on %s",
                tenant.foundedOn(), tenant.admittedOn(), age.maxMonths(), tenant.foundedOn(), age.maxMonths(),
                tenant.admittedOn())));
    }

    /**
     * Walks the carrier's accreditations and ratings in date order (a rating counts from its year's last day): FAIL
     * ratings of consecutive years while it holds the lapse rule's level make a run; a run as long as the rule's
     * count lapses the level until the carrier is accredited at it again, a shorter one puts it at risk until a
     * rating other than FAIL. A year without a rating ends the run. A closed carrier is warned of neither.
     */
    private static void accreditation(CarrierRecord carrier, LapseRule lapse, LocalDate closedOn, LocalDate asOf,
                                      Instant knownAt, List<Warning> warnings) {
        if (closedOn != null || !lapse.carrierKinds().contains(carrier.kind())) {
            return;
        }
        String level = null;
        int run = 0;
        int lastFail = Integer.MIN_VALUE;
        List<String> failYears = new ArrayList<>();
        LocalDate lapsedSince = null;
        LocalDate atRiskSince = null;
        for (Fact fact : known(carrier, knownAt)) {
            if (fact.on().isAfter(asOf)) {
                break;
            }
            if (fact.type().equals(CarrierRecord.ACCREDITED)) {
                level = fact.value();
                if (lapsedSince != null && level.equals(lapse.level().name())) {
                    lapsedSince = null;
                    run = 0;
                    failYears.clear();
                }
            } else if (fact.type().equals(CarrierRecord.RATED) && lapsedSince == null) {
                int year = fact.on().getYear();
                boolean failed = fact.value().equals(Rating.FAIL.name()) && lapse.level().name().equals(level);
                run = !failed ? 0 : lastFail == year - 1 ? run + 1 : 1;
                if (failed) {
                    if (run == 1) {
                        failYears.clear();
                    }
                    failYears.add(Integer.toString(year));
                    lastFail = year;
                }
                if (run >= lapse.consecutiveFails()) {
                    lapsedSince = fact.on();
                    atRiskSince = null;
                } else {
                    atRiskSince = failed ? fact.on() : null;
                }
            }
        }
        String zh = LEVELS_ZH.get(lapse.level());
        String en = lapse.level().name().toLowerCase(Locale.ROOT);
        if (lapsedSince != null) {
            warnings.add(new Warning(WarningCode.ACCREDITATION_LAPSED, lapse.rule(), carrier.carrierId(), null,
                                     lapsedSince, String.format(
                    "%s 年度考核评价连续 %d 次不合格，%s资格应已取消，账本仍登记为%s / rated FAIL in %d consecutive annual "
                    + "evaluations (%s): the %s accreditation lapsed, though the ledger still records it",
                    String.join("、", failYears), lapse.consecutiveFails(), zh, zh, lapse.consecutiveFails(),
                    String.join(", ", failYears), en)));
        } else if (atRiskSince != null) {
            warnings.add(new Warning(WarningCode.ACCREDITATION_AT_RISK, lapse.atRisk(), carrier.carrierId(), null,
                                     atRiskSince, String.format(
                    "%d 年度考核评价不合格；连续 %d 次不合格将取消%s资格 / rated FAIL for %d: %d consecutive FAIL ratings "
                    + "end the %s accreditation", atRiskSince.getYear(), lapse.consecutiveFails(), zh,
                    atRiskSince.getYear(), lapse.consecutiveFails(), en)));
        }
    }

    private static List<Fact> known(CarrierRecord carrier, Instant knownAt) {
        return carrier.facts().stream().filter(f -> !f.recordedAt().isAfter(knownAt)).toList();
    }
}
