package cn.incubation.ledger.demo;

import cn.incubation.ledger.demo.PublishedTargets.Stocks;
import cn.incubation.ledger.incubator.CarrierKind;
import cn.incubation.ledger.tenant.TenantCommands.AdmitTenant;
import cn.incubation.ledger.tenant.TenantCommands.GraduateTenant;
import cn.incubation.ledger.tenant.TenantCommands.RegisterCompany;
import cn.incubation.ledger.tenant.TenantCommands.WithdrawTenant;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static cn.incubation.ledger.demo.DemoHistory.DETAILED_FROM;
import static cn.incubation.ledger.demo.DemoHistory.EARLIEST_ADMISSION;
import static cn.incubation.ledger.demo.DemoHistory.END_13TH_PLAN;
import static cn.incubation.ledger.demo.DemoHistory.FIRST_DAY;
import static cn.incubation.ledger.demo.DemoHistory.LAST_DAY;
import static cn.incubation.ledger.demo.DemoHistory.TEAMS_A_YEAR;

/**
 * Plans the companies: as many first admitted by each plan's end as published, each moving on from maker space to
 * incubator to accelerator or not, graduating or withdrawing; and the teams that never register a company. Each
 * incubation's own facts come from {@link TenantFactsPlanner} as it is planned.
 */
final class CompanyPlanner {

    private final DemoPlan plan;
    private final SplittableRandom rng;
    private final List<PlannedCarrier> carriers;
    private final TenantFactsPlanner facts;
    private final Set<String> creditCodes = new HashSet<>();
    final List<PlannedIncubation> incubations = new ArrayList<>();
    private int tenantCount;

    CompanyPlanner(DemoPlan plan, List<PlannedCarrier> carriers, TenantFactsPlanner facts) {
        this.plan = plan;
        this.rng = plan.rng;
        this.carriers = carriers;
        this.facts = facts;
    }

    void plan(Stocks companies) {
        long new14th = companies.end2025() - companies.end2020();
        // New companies per year were about level over both plans; what came before is the opening population.
        long new13th = Math.min(new14th, companies.end2020() - 1);
        long before = companies.end2020() - new13th;
        List<LocalDate> firstAdmissions = new ArrayList<>();
        for (long i = 0; i < before; i++) {
            // Admissions grew slowly before 2016: about as many a year then as during the two plans, so that the
            // number in incubation does not drop when the ledger starts.
            int year = plan.yearWeighted(EARLIEST_ADMISSION.getYear(), 2015, 1.04);
            firstAdmissions.add(plan.date(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 30)));
        }
        for (long i = 0; i < new13th; i++) {
            firstAdmissions.add(DemoPlan.noYearEnd(plan.date(FIRST_DAY.plusDays(4), END_13TH_PLAN.minusDays(1))));
        }
        for (long i = 0; i < new14th; i++) {
            firstAdmissions.add(DemoPlan.noYearEnd(plan.date(END_13TH_PLAN.plusDays(4), LAST_DAY.minusDays(1))));
        }
        firstAdmissions.sort(Comparator.naturalOrder());
        for (LocalDate first : firstAdmissions) {
            planCompany(first);
        }
    }

    private void planCompany(LocalDate firstAdmission) {
        CarrierKind kind = kind(0.45, 0.50);
        LocalDate admitted = firstAdmission;
        LocalDate ends = admitted.plusDays(duration(kind));
        PlannedCarrier carrier = pickCarrier(admitted, ends, kind, null);
        if (carrier == null) {
            throw new IllegalStateException("no carrier open on " + admitted + " for an incubation until " + ends);
        }
        kind = carrier.kind;
        PlannedCompany company = newCompany(carrier, kind, admitted);
        PlanItem previousEnd = null;
        // A third of the companies that start in a maker space started there as a team, months before they registered.
        LocalDate teamFrom = null;
        if (kind == CarrierKind.MAKER_SPACE && rng.nextDouble() < 0.35) {
            LocalDate from = admitted.minusDays(60 + rng.nextInt(240));
            LocalDate earliest = carrier.openedOn.plusDays(1);
            teamFrom = from.isBefore(earliest) ? earliest : from;
            if (!teamFrom.isBefore(admitted)) {
                teamFrom = null;
            } else {
                company.foundedOn = admitted;
            }
        }
        while (true) {
            boolean graduates = rng.nextDouble() < switch (kind) {
                case MAKER_SPACE -> 0.55;
                case ACCELERATOR -> 0.7;
                default -> 0.6;
            };
            PlannedIncubation incubation = teamFrom != null
                    ? incubate(company, carrier, teamFrom, ends, graduates, previousEnd, true, admitted)
                    : incubate(company, carrier, admitted, ends, graduates, previousEnd, false, null);
            teamFrom = null;
            if (!incubation.ended()) {
                return;
            }
            CarrierKind next = null;
            if (graduates && kind == CarrierKind.MAKER_SPACE && rng.nextDouble() < 0.35) {
                next = CarrierKind.INCUBATOR;
            } else if (graduates && kind == CarrierKind.INCUBATOR && rng.nextDouble() < 0.12) {
                next = CarrierKind.ACCELERATOR;
            } else if (!graduates && rng.nextDouble() < 0.04) {
                next = kind;
            }
            if (next == null) {
                return;
            }
            admitted = DemoPlan.noYearEnd(ends.plusDays(10 + rng.nextInt(110)));
            if (admitted.isAfter(LAST_DAY.minusDays(1))) {
                return;
            }
            ends = admitted.plusDays(duration(next));
            carrier = pickCarrier(admitted, ends, next, carrier.city);
            if (carrier == null) {
                return;
            }
            kind = carrier.kind;
            previousEnd = incubation.end;
        }
    }

    /** A maker space, an incubator or an accelerator, the first two with the probabilities given. */
    private CarrierKind kind(double makerSpace, double incubator) {
        double r = rng.nextDouble();
        return r < makerSpace ? CarrierKind.MAKER_SPACE
                : r < makerSpace + incubator ? CarrierKind.INCUBATOR : CarrierKind.ACCELERATOR;
    }

    /**
     * One to four years: shorter at a maker space, longer at an incubator, whose 48 months a few incubations outstay
     * (the statistics system asks the carrier to explain them).
     */
    private int duration(CarrierKind kind) {
        return switch (kind) {
            case MAKER_SPACE -> 365 + rng.nextInt(548);
            case ACCELERATOR -> 365 + rng.nextInt(730);
            default -> rng.nextDouble() < 0.03 ? 1_461 + rng.nextInt(540)
                    : 540 + (rng.nextInt(921) + rng.nextInt(921)) / 2;
        };
    }

    private PlannedCarrier pickCarrier(LocalDate admittedOn, LocalDate endsOn, CarrierKind preferred, String preferredCity) {
        boolean ongoing = endsOn.isAfter(LAST_DAY);
        List<PlannedCarrier> eligible = new ArrayList<>();
        for (PlannedCarrier carrier : carriers) {
            if (carrier.openedOn.isAfter(admittedOn)) {
                continue;
            }
            if (carrier.closedOn != null && (ongoing || !endsOn.plusDays(30).isBefore(carrier.closedOn))) {
                continue;
            }
            eligible.add(carrier);
        }
        if (eligible.isEmpty()) {
            return null;
        }
        List<PlannedCarrier> choice = eligible.stream().filter(c -> c.kind == preferred).toList();
        if (choice.isEmpty()) {
            choice = eligible;
        }
        if (preferredCity != null && rng.nextDouble() < 0.7) {
            List<PlannedCarrier> sameCity = choice.stream().filter(c -> c.city.equals(preferredCity)).toList();
            if (!sameCity.isEmpty()) {
                choice = sameCity;
            }
        }
        double[] weights = new double[choice.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = choice.get(i).weight;
        }
        return choice.get(plan.weighted(weights));
    }

    private PlannedCompany newCompany(PlannedCarrier carrier, CarrierKind kind, LocalDate admitted) {
        PlannedCompany company = new PlannedCompany();
        company.sector = Vocabulary.sector(rng);
        company.tradeName = Vocabulary.tradeName(rng);
        company.name = Vocabulary.companyName(carrier.city, company.tradeName, company.sector, rng);
        do {
            company.code = Vocabulary.creditCode(carrier.district.code(), rng);
        } while (!creditCodes.add(company.code.value()));
        int age = switch (kind) {
            case MAKER_SPACE -> rng.nextInt(365);
            case ACCELERATOR -> 365 + rng.nextInt(1460);
            default -> rng.nextInt(1095);
        };
        company.foundedOn = admitted.minusDays(age);
        company.headcount = switch (kind) {
            case MAKER_SPACE -> 2 + rng.nextInt(7);
            case ACCELERATOR -> 15 + rng.nextInt(40);
            default -> 3 + rng.nextInt(16);
        };
        return company;
    }

    /**
     * An incubation of a company, or of the team that becomes it ({@code team}: admitted as a team, registering the
     * company on {@code registeredOn}, or never when that is null).
     */
    private PlannedIncubation incubate(PlannedCompany company, PlannedCarrier carrier, LocalDate admittedOn, LocalDate endsOn,
                                boolean graduates, PlanItem previousEnd, boolean team, LocalDate registeredOn) {
        PlannedIncubation incubation = new PlannedIncubation();
        incubation.tenantId = plan.ids + "-t" + DemoHistory.padded(++tenantCount, 6);
        incubation.company = company;
        incubation.carrier = carrier;
        incubation.admittedOn = admittedOn;
        incubation.endsOn = endsOn;
        incubation.team = team;
        incubation.registeredOn = registeredOn;
        String tenant = incubation.tenantId;
        long recordedAt = plan.recorded(admittedOn, rng.nextInt(20) == 0 ? 30 + rng.nextInt(90) : rng.nextInt(15));
        if (previousEnd != null) {
            recordedAt = Math.max(recordedAt, previousEnd.recordedAt + 1);
        }
        String teamName = company.tradeName + Vocabulary.pick(rng, List.of("创业团队", "项目团队", "创客团队"));
        incubation.admission = plan.item(admittedOn, recordedAt, carrier.register, carrier,
                                    it -> team ? AdmitTenant.team(tenant, carrier.id, teamName, company.sector.name(),
                                                                  admittedOn)
                                            : new AdmitTenant(tenant, carrier.id, company.name, company.code,
                                                              company.sector.name(), company.foundedOn, admittedOn));
        if (registeredOn != null) {
            plan.item(registeredOn, plan.recorded(registeredOn, plan.lagDays()), incubation.admission, null,
                 it -> new RegisterCompany(tenant, company.name, company.code, registeredOn, null));
        }
        incubations.add(incubation);
        if (!incubation.lastDay().isBefore(DETAILED_FROM)) {
            facts.headcounts(incubation);
            if (!team || registeredOn != null) {
                facts.investments(incubation);
                facts.milestones(incubation);
            }
        }
        if (incubation.ended()) {
            String words = Vocabulary.pick(rng, graduates ? Vocabulary.GRADUATION_CRITERIA
                    : Vocabulary.WITHDRAWAL_REASONS);
            incubation.end = plan.item(endsOn, plan.recorded(endsOn, plan.lagDays()), incubation.admission, null,
                                  it -> graduates ? new GraduateTenant(tenant, endsOn, words, null)
                                          : new WithdrawTenant(tenant, endsOn, words, null));
        }
        return incubation;
    }

    /**
     * Teams that never register a company: maker spaces host them beside their companies (Chongqing's 307 maker
     * spaces hosted 18,611 companies and teams), a few months each, most of them leaving without graduating. They are
     * tenants, with headcounts and sometimes IP, but no company: they add to no company count.
     */
    void planTeams() {
        for (PlannedCarrier carrier : List.copyOf(carriers)) {
            if (carrier.kind != CarrierKind.MAKER_SPACE) {
                continue;
            }
            LocalDate first = carrier.openedOn.isBefore(DETAILED_FROM) ? DETAILED_FROM : carrier.openedOn.plusDays(1);
            LocalDate last = carrier.closedOn == null ? LAST_DAY.minusDays(1) : carrier.closedOn.minusDays(240);
            if (!first.isBefore(last)) {
                continue;
            }
            long days = ChronoUnit.DAYS.between(first, last);
            long teams = Math.round(days / 365.0 * TEAMS_A_YEAR * (0.7 + rng.nextDouble() * 0.6));
            // Some closed maker spaces leave a team on their books that nobody withdrew: still "in incubation".
            boolean leaveOneBehind = carrier.closedOn != null && rng.nextDouble() < 0.4;
            for (long i = 0; i < teams; i++) {
                LocalDate admitted = DemoPlan.noYearEnd(plan.date(first, last));
                LocalDate ends = admitted.plusDays(150 + rng.nextInt(400));
                if (leaveOneBehind) {
                    ends = LAST_DAY.plusYears(5);
                    leaveOneBehind = false;
                } else if (carrier.closedOn != null && ends.plusDays(30).isAfter(carrier.closedOn)) {
                    ends = carrier.closedOn.minusDays(31);
                }
                if (!ends.isAfter(admitted)) {
                    continue;
                }
                PlannedCompany team = new PlannedCompany();
                team.sector = Vocabulary.sector(rng);
                team.tradeName = Vocabulary.tradeName(rng);
                team.headcount = 1 + rng.nextInt(5);
                incubate(team, carrier, admitted, ends, rng.nextDouble() < 0.1, null, true, null);
            }
        }
    }
}
