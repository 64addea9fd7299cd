package cn.incubation.ledger.regionaltotals.projection;

/**
 * The names under which the totals store each indicator: whole numbers, areas in hundredths of a square metre and
 * money in fen, so that every sum is exact. Names carry no dots, which MongoDB would read as paths.
 */
final class Metrics {

    static final String CARRIERS = "carriers";
    static final String FLOOR_AREA_CM2 = "floorAreaCm2";
    static final String STAFF = "staff";
    /** Companies in incubation: tenants admitted as companies, and teams from the day they registered one. */
    static final String TENANTS = "tenantsInIncubation";
    /** Teams in incubation that have not registered a company. */
    static final String TEAMS = "teamsInIncubation";
    static final String COMPANIES = "companiesIncubated";
    /** Graduations: each incubation that ended in graduation. */
    static final String GRADUATED = "graduated";
    /** Distinct companies graduated, each once per region however often it graduated there. */
    static final String GRADUATED_COMPANIES = "graduatedCompanies";
    /** IP granted to tenants, every grant ever made (共获得). */
    static final String IP = "ipHeld";
    /** IP held by tenants in incubation: a grant counts from its date until its tenant's incubation ends. */
    static final String IP_IN_INCUBATION = "ipInIncubation";
    static final String JOBS = "jobs";
    static final String INVESTMENT_COUNT = "investmentCount";
    static final String INVESTMENT_FEN = "investmentFen";

    static final String KIND_PREFIX = "kind:";
    static final String LEVEL_PREFIX = "level:";
    static final String IP_KIND_PREFIX = "ip:";
    static final String IP_IN_INCUBATION_KIND_PREFIX = "ipi:";

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

    static String ipInIncubationKind(String kind) {
        return IP_IN_INCUBATION_KIND_PREFIX + kind;
    }
}
