package cn.incubation.ledger.investmenttrail;

/** Investment trails of a tenant, a carrier or an investor, as the ledger knew them at an instant. */
public interface InvestmentTrails {

    /** The trail; a tenant, carrier or investor the trail has never seen is a {@code NOT_FOUND} rejection. */
    InvestmentTrail find(FindInvestments query);
}
