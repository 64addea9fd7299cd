package cn.incubation.ledger.ui.trail;

import cn.incubation.ledger.investmenttrail.FindInvestments;
import cn.incubation.ledger.investmenttrail.InvestmentTrail;
import cn.incubation.ledger.investmenttrail.InvestmentTrails;
import cn.incubation.ledger.investmenttrail.TrailInvestment;
import cn.incubation.ledger.investmenttrail.TrailScope;
import cn.incubation.ledger.shared.LedgerRejection;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A trail whole rather than a page of it, up to {@link #MAX_INVESTMENTS}: the running total chart and the downloads
 * need every investment. A tenant, carrier or investor without investments has an empty trail, not an error.
 */
@Component
public class WholeTrail {

    /** More than a page can chart or a reader can scan; the report command writes longer trails. */
    public static final int MAX_INVESTMENTS = 10_000;

    /** The trail's investments in received order, how many it has in all, and its last running total. */
    public record Found(List<TrailInvestment> investments, int count, String totalCny) {

        public boolean complete() {
            return investments.size() >= count;
        }
    }

    private final InvestmentTrails trails;

    WholeTrail(InvestmentTrails trails) {
        this.trails = trails;
    }

    public Found of(TrailScope scope, String id, Instant knownAt) {
        List<TrailInvestment> investments = new ArrayList<>();
        InvestmentTrail page;
        int number = 0;
        do {
            try {
                page = trails.find(new FindInvestments(scope, id, knownAt, number++, FindInvestments.MAX_SIZE));
            } catch (LedgerRejection e) {
                if (e.kind() == LedgerRejection.Kind.NOT_FOUND) {
                    return new Found(List.of(), 0, "0");
                }
                throw e;
            }
            investments.addAll(page.investments());
        } while (number < page.totalPages() && investments.size() < MAX_INVESTMENTS);
        return new Found(List.copyOf(investments), page.count(), page.totalCny());
    }
}
