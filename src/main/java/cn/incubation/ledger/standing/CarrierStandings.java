package cn.incubation.ledger.standing;

import cn.incubation.ledger.incubationrules.IncubationRules;
import cn.incubation.ledger.incubationrules.RuleSet;
import cn.incubation.ledger.incubationrules.RuleSet.Threshold;
import cn.incubation.ledger.incubationrules.RuleSet.Window;
import cn.incubation.ledger.incubator.CarrierKind;
import cn.incubation.ledger.incubatorstate.IncubatorState;
import cn.incubation.ledger.incubatorstate.IncubatorStates;
import cn.incubation.ledger.investmenttrail.InvestmentStatus;
import cn.incubation.ledger.investmenttrail.InvestmentTrails;
import cn.incubation.ledger.investmenttrail.TrailInvestment;
import cn.incubation.ledger.tenantstate.TenantState;
import cn.incubation.ledger.tenantstate.TenantStatus;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Works out a carrier's {@link Standing} from the read models it already has, by key lookups: the carrier's state and
 * its tenants' states on the same two times, and, for a financed share counted over the previous year, its tenants'
 * investment trails. Tenants in incubation means companies: teams without a company are not 在孵企业.
 */
@Component
public class CarrierStandings {

    private static final int SCALE = 4;

    private final IncubatorStates carriers;
    private final InvestmentTrails trails;
    private final IncubationRules rules;

    CarrierStandings(IncubatorStates carriers, InvestmentTrails trails, IncubationRules rules) {
        this.carriers = carriers;
        this.trails = trails;
        this.rules = rules;
    }

    /** The standing; a carrier not registered by {@code knownAt} is a {@code NOT_FOUND} rejection. */
    public Standing of(String incubatorId, LocalDate asOf, Instant knownAt) {
        IncubatorStates.WithTenants read = carriers.getWithTenants(incubatorId, asOf, knownAt);
        IncubatorState state = read.state();
        RuleSet set = rules.inForceOn(asOf);
        List<TenantState> companies = read.tenants().stream()
                                          .filter(t -> t.status() == TenantStatus.IN_INCUBATION)
                                          .filter(t -> t.creditCode() != null).toList();
        List<Standing.Criterion> criteria = new ArrayList<>();
        for (Threshold threshold : set.standing().criteria()) {
            criteria.add(judge(threshold, state, companies, asOf, knownAt));
        }
        boolean applies = set.standing().carrierKinds().contains(CarrierKind.valueOf(state.kind()));
        String note = applies ? null : "these thresholds are written for " + set.standing().carrierKinds() + ", not "
                + state.kind() + ": shown for reference only / 该门槛不适用于此类载体，仅供参考";
        boolean allMet = criteria.stream().allMatch(c -> Boolean.TRUE.equals(c.met()));
        List<Standing.NotJudged> notRecorded = set.standing().notRecorded().stream()
                .map(n -> new Standing.NotJudged(n.criterion(), n.required(), n.rule())).toList();
        return new Standing(incubatorId, state.name(), state.kind(), state.level(), state.status().name(), asOf,
                            knownAt, rules.appliedOn(asOf), set.tier(), applies, note, criteria, allMet, notRecorded);
    }

    private Standing.Criterion judge(Threshold threshold, IncubatorState state, List<TenantState> companies,
                                     LocalDate asOf, Instant knownAt) {
        BigDecimal min = threshold.min();
        int tenants = companies.size();
        BigDecimal area = state.floorAreaM2();
        return switch (threshold.criterion()) {
            case FLOOR_AREA_M2 -> atLeast(threshold, area, "the carrier's latest floor area on asOf");
            case TENANTS_IN_INCUBATION -> atLeast(threshold, BigDecimal.valueOf(tenants),
                                                  "companies in incubation on asOf (teams without a company left out)");
            case TENANTS_PER_1000_M2 -> ratio(threshold, BigDecimal.valueOf(tenants).multiply(BigDecimal.valueOf(1000)),
                                              area, "companies in incubation per 1,000 m² of floor area");
            case GRADUATES -> atLeast(threshold, BigDecimal.valueOf(state.graduated()),
                                      "graduations of the carrier's tenants by asOf");
            case STAFF_PER_TENANT -> ratio(threshold, BigDecimal.valueOf(state.staff()), BigDecimal.valueOf(tenants),
                                           "all incubation staff reported per company in incubation: the rules count "
                                           + "professional staff only, which the ledger does not tell apart, so a "
                                           + "met criterion may still fail them");
            case FINANCED_SHARE -> ratio(threshold, BigDecimal.valueOf(financed(threshold.window(), companies, asOf,
                                                                                knownAt)),
                                         BigDecimal.valueOf(tenants), threshold.window() == Window.ALL
                                                 ? "companies in incubation with an investment received by asOf and "
                                                   + "not retracted, of all companies in incubation"
                                                 : "companies in incubation with an investment received in "
                                                   + (asOf.getYear() - 1) + " and not retracted, of all companies "
                                                   + "in incubation");
            case OPERATING_YEARS -> atLeast(threshold, BigDecimal.valueOf(
                    asOf.isBefore(state.openedOn()) ? 0 : Period.between(state.openedOn(), asOf).getYears()),
                                            "whole years from the carrier's opening to asOf");
        };
    }

    private int financed(Window window, List<TenantState> companies, LocalDate asOf, Instant knownAt) {
        if (window == Window.ALL) {
            return (int) companies.stream().filter(t -> t.investment().count() > 0).count();
        }
        int year = asOf.getYear() - 1;
        Map<String, List<TrailInvestment>> byTenant = trails.ofTenants(companies.stream().map(TenantState::tenantId)
                                                                                .toList(), knownAt);
        return (int) byTenant.values().stream()
                             .filter(list -> list.stream().anyMatch(i -> i.status() != InvestmentStatus.RETRACTED
                                                                         && i.receivedOn().getYear() == year))
                             .count();
    }

    private static Standing.Criterion atLeast(Threshold threshold, BigDecimal actual, String counts) {
        return criterion(threshold, actual, actual.compareTo(threshold.min()) >= 0, counts);
    }

    /** A ratio met when {@code numerator ≥ min × denominator}, compared exactly; unjudged with nothing to divide by. */
    private static Standing.Criterion ratio(Threshold threshold, BigDecimal numerator, BigDecimal denominator,
                                            String counts) {
        if (denominator.signum() == 0) {
            return criterion(threshold, null, null, counts + "; nothing to divide by on asOf, so not judged");
        }
        BigDecimal actual = numerator.divide(denominator, SCALE, RoundingMode.DOWN);
        return criterion(threshold, actual, numerator.compareTo(threshold.min().multiply(denominator)) >= 0, counts);
    }

    private static Standing.Criterion criterion(Threshold threshold, BigDecimal actual, Boolean met, String counts) {
        return new Standing.Criterion(threshold.criterion().key(), threshold.criterion().nameZh(),
                                      plain(threshold.min()), actual == null ? null : plain(actual), met,
                                      threshold.rule(), counts);
    }

    /** Without trailing zeros, never in exponent form (10000, not 1E+4). */
    private static BigDecimal plain(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
