package cn.incubation.ledger.demo;

import cn.incubation.ledger.incubator.CarrierKind;
import cn.incubation.ledger.shared.Money;
import cn.incubation.ledger.tenant.IpKind;
import cn.incubation.ledger.tenant.MilestoneKind;
import cn.incubation.ledger.tenant.Round;
import cn.incubation.ledger.tenant.TenantCommands.CorrectInvestment;
import cn.incubation.ledger.tenant.TenantCommands.LogMilestone;
import cn.incubation.ledger.tenant.TenantCommands.ReceiveInvestment;
import cn.incubation.ledger.tenant.TenantCommands.ReportHeadcount;
import cn.incubation.ledger.tenant.TenantCommands.RetractInvestment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import static cn.incubation.ledger.demo.DemoHistory.DETAILED_FROM;
import static cn.incubation.ledger.demo.DemoHistory.LAST_DAY;

/** Plans what a tenant reports and reaches during one incubation: headcounts, investments, milestones. */
final class TenantFactsPlanner {

    private final DemoPlan plan;
    private final SplittableRandom rng;
    final List<PlanItem> headcountReports = new ArrayList<>();

    TenantFactsPlanner(DemoPlan plan) {
        this.plan = plan;
        this.rng = plan.rng;
    }

    void headcounts(PlannedIncubation incubation) {
        PlannedCompany company = incubation.company;
        String tenant = incubation.tenantId;
        if (!incubation.admittedOn.isBefore(DETAILED_FROM)) {
            LocalDate on = incubation.admittedOn;
            PlanItem report = plan.item(on, incubation.admission.recordedAt + 60, incubation.admission, null,
                               it -> new ReportHeadcount(tenant, (int) it.value, on, null));
            report.value = company.headcount;
            headcountReports.add(report);
        }
        int from = Math.max(DETAILED_FROM.getYear(), incubation.admittedOn.getYear());
        for (int year = from; year <= Math.min(LAST_DAY.getYear(), incubation.endsOn.getYear()); year++) {
            LocalDate yearEnd = LocalDate.of(year, 12, 31);
            if (!yearEnd.isAfter(incubation.admittedOn) || !yearEnd.isBefore(incubation.endsOn)) {
                continue;
            }
            company.headcount = Math.max(1, company.headcount * Math.exp(Math.log(1.22) + 0.25 * rng.nextGaussian()));
            PlanItem report = plan.item(yearEnd, plan.yearEndReport(year), incubation.admission, null,
                               it -> new ReportHeadcount(tenant, (int) it.value, yearEnd, null));
            report.value = company.headcount;
            headcountReports.add(report);
        }
    }

    void investments(PlannedIncubation incubation) {
        CarrierKind kind = incubation.carrier.kind;
        double chance = switch (kind) {
            case MAKER_SPACE -> 0.25;
            case ACCELERATOR -> 0.55;
            default -> 0.35;
        };
        if (rng.nextDouble() >= chance) {
            return;
        }
        LocalDate from = incubation.admittedOn.isBefore(DETAILED_FROM) ? DETAILED_FROM : incubation.admittedOn;
        int count = 1 + (rng.nextDouble() < 0.3 ? 1 : 0) + (rng.nextDouble() < 0.1 ? 1 : 0);
        List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            dates.add(plan.date(from, incubation.lastDay()));
        }
        dates.sort(Comparator.naturalOrder());
        List<Round> ladder = switch (kind) {
            case MAKER_SPACE -> List.of(Round.ANGEL, Round.SEED, Round.PRE_A);
            case ACCELERATOR -> List.of(Round.A, Round.B, Round.C, Round.LATER);
            default -> List.of(Round.SEED, Round.ANGEL, Round.PRE_A, Round.A, Round.B);
        };
        int stage = rng.nextInt(2);
        String tenant = incubation.tenantId;
        for (int i = 0; i < count; i++) {
            LocalDate on = dates.get(i);
            double kindOf = rng.nextDouble();
            Round round = kindOf < 0.1 ? Round.GRANT : kindOf < 0.17 ? Round.LOAN
                    : ladder.get(Math.min(ladder.size() - 1, stage++));
            String investor = Vocabulary.fund(round, rng);
            double cny = switch (round) {
                case GRANT -> 100_000 + rng.nextInt(900_000);
                case LOAN -> 1_000_000 + rng.nextInt(4_000_000);
                case ANGEL -> 500_000 + rng.nextInt(2_500_000);
                case SEED -> 1_000_000 + rng.nextInt(4_000_000);
                case PRE_A -> 5_000_000 + rng.nextInt(15_000_000);
                case A -> 10_000_000 + rng.nextInt(40_000_000);
                case B -> 30_000_000 + rng.nextInt(120_000_000);
                default -> 80_000_000 + rng.nextInt(220_000_000);
            };
            boolean dollars = round != Round.GRANT && round != Round.LOAN && rng.nextDouble() < 0.08;
            BigDecimal rate = dollars ? usdRate(on.getYear()) : BigDecimal.ONE;
            BigDecimal amount = tenThousands(dollars ? cny / rate.doubleValue() : cny);
            Money money = new Money(amount, dollars ? "USD" : Money.CNY, dollars ? rate : null);
            String investmentId = tenant + "-i" + (i + 1);
            PlanItem receipt = plan.item(on, plan.recorded(on, plan.lagDays()), incubation.admission, null,
                                it -> new ReceiveInvestment(tenant, investmentId, round, investor, money, on, null));
            double fate = rng.nextDouble();
            if (fate < 0.06) {
                BigDecimal corrected;
                do {
                    corrected = tenThousands(amount.doubleValue() * (0.8 + rng.nextDouble() * 0.45));
                } while (corrected.compareTo(amount) == 0);
                BigDecimal newAmount = corrected;
                String reason = Vocabulary.pick(rng, Vocabulary.CORRECTION_REASONS);
                plan.item(on, receipt.recordedAt + 86_400L * (20 + rng.nextInt(130)), receipt, null,
                     it -> new CorrectInvestment(tenant, investmentId, null, null, newAmount, null, null, null, reason,
                                                 null));
            } else if (fate < 0.075) {
                String reason = Vocabulary.pick(rng, Vocabulary.RETRACTION_REASONS);
                plan.item(on, receipt.recordedAt + 86_400L * (10 + rng.nextInt(80)), receipt, null,
                     it -> new RetractInvestment(tenant, investmentId, reason, null));
            }
        }
    }

    private static BigDecimal usdRate(int year) {
        String[] rates = {"6.64", "6.75", "6.62", "6.90", "6.90", "6.45", "6.73", "7.05", "7.12", "7.18"};
        return new BigDecimal(rates[Math.max(0, Math.min(rates.length - 1, year - 2016))]);
    }

    private static BigDecimal tenThousands(double amount) {
        return BigDecimal.valueOf(Math.max(1, Math.round(amount / 10_000)) * 10_000);
    }

    void milestones(PlannedIncubation incubation) {
        boolean later = incubation.carrier.kind != CarrierKind.MAKER_SPACE;
        PlannedCompany company = incubation.company;
        String province = incubation.carrier.district.code().startsWith("50") ? "重庆" : "四川";
        milestone(incubation, MilestoneKind.TECH_BASED_SME, 0.4, LocalDate.of(2017, 5, 1),
                  on -> "入库科技型中小企业（" + on.getYear() + "年第" + (1 + rng.nextInt(4)) + "批）");
        milestone(incubation, MilestoneKind.HIGH_TECH_ENTERPRISE, later ? 0.14 : 0.04, DETAILED_FROM,
                  on -> "认定为国家高新技术企业（证书编号GR" + on.getYear() + (province.equals("重庆") ? "50" : "51")
                          + DemoHistory.padded(rng.nextInt(1_000_000), 6) + "）");
        milestone(incubation, MilestoneKind.SPECIALISED_SOPHISTICATED,
                  incubation.carrier.kind == CarrierKind.ACCELERATOR ? 0.1 : 0.02, LocalDate.of(2019, 1, 1),
                  on -> "认定为" + (province.equals("重庆") ? "重庆市" : "四川省") + "专精特新中小企业");
        milestone(incubation, MilestoneKind.AWARD, 0.08, DETAILED_FROM,
                  on -> "获中国创新创业大赛（" + province + "赛区）"
                          + Vocabulary.pick(rng, List.of("一等奖", "二等奖", "三等奖", "优秀奖")));
        milestone(incubation, MilestoneKind.PRODUCT_LAUNCH, 0.15, DETAILED_FROM,
                  on -> "发布" + company.tradeName + "系列新产品并实现首单销售");
        milestone(incubation, MilestoneKind.RESEARCH_TRANSFER, 0.05, DETAILED_FROM,
                  on -> "承接" + Vocabulary.pick(rng, Vocabulary.UNIVERSITIES) + "科技成果转化："
                          + Vocabulary.ipTitle(IpKind.INVENTION_PATENT, company.tradeName, rng));
    }

    private void milestone(PlannedIncubation incubation, MilestoneKind kind, double chance, LocalDate notBefore,
                           Function<LocalDate, String> description) {
        if (rng.nextDouble() >= chance) {
            return;
        }
        LocalDate from = incubation.admittedOn.isBefore(notBefore) ? notBefore : incubation.admittedOn;
        if (from.isAfter(incubation.lastDay())) {
            return;
        }
        LocalDate on = plan.date(from, incubation.lastDay());
        String text = description.apply(on);
        String tenant = incubation.tenantId;
        plan.item(on, plan.recorded(on, plan.lagDays()), incubation.admission, null,
             it -> new LogMilestone(tenant, kind, text, on, null));
    }
}
