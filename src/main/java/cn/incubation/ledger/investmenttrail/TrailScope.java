package cn.incubation.ledger.investmenttrail;

/** Whose investments a trail follows. */
public enum TrailScope {
    TENANT("tenantId"),
    INCUBATOR("incubatorId"),
    INVESTOR("investor");

    private final String field;

    TrailScope(String field) {
        this.field = field;
    }

    /** The name of the id in requests and problems. */
    public String field() {
        return field;
    }
}
