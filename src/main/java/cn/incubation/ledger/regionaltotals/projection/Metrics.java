package cn.incubation.ledger.regionaltotals.projection;

/**
 * The names under which the totals store each indicator: whole numbers, areas in hundredths of a square metre and
 * money in fen, so that every sum is exact. Names carry no dots, which MongoDB would read as paths.
 */
final class Metrics {

    static final String CARRIERS = "carriers";
    static final String FLOOR_AREA_CM2 = "floorAreaCm2";
    static final String STAFF = "staff";
    static final String TENANTS = "tenantsInIncubation";
    static final String COMPANIES = "companiesIncubated";
    static final String GRADUATED = "graduated";
    static final String IP = "ipHeld";
    static final String JOBS = "jobs";
    static final String INVESTMENT_COUNT = "investmentCount";
    static final String INVESTMENT_FEN = "investmentFen";

    static final String KIND_PREFIX = "kind:";
    static final String LEVEL_PREFIX = "level:";
    static final String IP_KIND_PREFIX = "ip:";

    private Metrics() {
    }

    static String kind(String kind) {
        return KIND_PREFIX + kind;
    }

    static String level(String level) {
        return LEVEL_PREFIX + level;
    }

    static String ipKind(String kind) {
        return IP_KIND_PREFIX + kind;
    }
}
