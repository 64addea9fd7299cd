package cn.incubation.ledger.demo;

import cn.incubation.ledger.demo.PublishedTargets.Stocks;
import cn.incubation.ledger.tenant.IpKind;
import cn.incubation.ledger.tenant.TenantCommands.GrantIp;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;

import static cn.incubation.ledger.demo.DemoHistory.END_13TH_PLAN;
import static cn.incubation.ledger.demo.DemoHistory.HISTORY_ORIGIN;
import static cn.incubation.ledger.demo.DemoHistory.LAST_DAY;

/** Plans the IP grants: exactly as many dated in each plan period as the published IP held grows by. */
final class IpPlanner {

    private final DemoPlan plan;
    private final SplittableRandom rng;
    private final List<PlannedIncubation> incubations;
    private int ipSerial = 1000;

    IpPlanner(DemoPlan plan, List<PlannedIncubation> incubations) {
        this.plan = plan;
        this.rng = plan.rng;
        this.incubations = incubations;
    }

    /**
     * IP held counts every grant to a tenant up to a date, so exactly the targeted number of grants is dated in each
     * plan period, spread over the incubations in proportion to the time each spent in incubation then (and more to
     * later-stage companies).
     */
    void plan(Stocks ip) {
        grantIp(HISTORY_ORIGIN, END_13TH_PLAN, ip.end2020());
        grantIp(END_13TH_PLAN.plusDays(1), LAST_DAY, ip.end2025() - ip.end2020());
    }

    private void grantIp(LocalDate from, LocalDate to, long count) {
        double[] cumulative = new double[incubations.size()];
        double total = 0;
        for (int i = 0; i < incubations.size(); i++) {
            PlannedIncubation incubation = incubations.get(i);
            long days = overlapDays(incubation, from, to);
            double weight = incubation.team && incubation.registeredOn == null ? 0.15
                    : switch (incubation.carrier.kind) {
                        case MAKER_SPACE -> 0.6;
                        case ACCELERATOR -> 1.6;
                        default -> 1.0;
                    };
            total += days > 0 ? days * weight : 0;
            cumulative[i] = total;
        }
        if (total <= 0 && count > 0) {
            throw new IllegalStateException("no incubation between " + from + " and " + to + " to grant IP to");
        }
        for (long n = 0; n < count; n++) {
            PlannedIncubation incubation = incubations.get(firstAbove(cumulative, rng.nextDouble() * total));
            LocalDate start = incubation.admittedOn.isBefore(from) ? from : incubation.admittedOn;
            LocalDate end = incubation.lastDay().isAfter(to) ? to : incubation.lastDay();
            LocalDate on = plan.date(start, end);
            IpKind kind = Vocabulary.ipKind(incubation.company.sector.name(), rng);
            ipSerial += 1 + rng.nextInt(40);
            String number = Vocabulary.ipNumber(kind, on, ipSerial, rng);
            String title = Vocabulary.ipTitle(kind, incubation.company.tradeName, rng);
            String tenant = incubation.tenantId;
            plan.item(on, plan.recorded(on, plan.lagDays()), incubation.admission, null,
                 it -> new GrantIp(tenant, kind, number, title, on, null));
        }
    }

    /** The first index whose cumulative weight exceeds {@code r}: never one of weight zero. */
    private static int firstAbove(double[] cumulative, double r) {
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cumulative[middle] > r) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    private static long overlapDays(PlannedIncubation incubation, LocalDate from, LocalDate to) {
        LocalDate start = incubation.admittedOn.isBefore(from) ? from : incubation.admittedOn;
        LocalDate end = incubation.lastDay().isAfter(to) ? to : incubation.lastDay();
        return end.isBefore(start) ? 0 : ChronoUnit.DAYS.between(start, end) + 1;
    }
}
