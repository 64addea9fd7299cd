package cn.incubation.ledger.report;

import cn.incubation.ledger.regionaltotals.RegionalTotals;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * A regional stock as the published reports name it (Chinese) and as the ledger's answers key it ({@code key}, the
 * comparison's indicator names), with how its value is written: whole numbers, square metres or yuan.
 */
public enum Indicator {
    INCUBATORS_INCL_MAKER_SPACES("incubatorsInclMakerSpaces", "孵化器（含众创空间）数量",
                                 "Incubators incl. maker spaces", Unit.COUNT,
                                 t -> t.carriers().incubatorsInclMakerSpaces()),
    CARRIERS_TOTAL("carriersTotal", "孵化载体总数（五类）", "Carriers (all five kinds)", Unit.COUNT,
                   t -> t.carriers().total()),
    FLOOR_AREA_M2("floorAreaM2", "孵化场地面积（平方米）", "Incubation floor area (m²)", Unit.SQUARE_METRES,
                  RegionalTotals::floorAreaM2),
    STAFF("staff", "孵化器管理服务人员", "Incubation staff", Unit.COUNT, RegionalTotals::staff),
    TENANTS_IN_INCUBATION("tenantsInIncubation", "在孵企业数", "Companies in incubation", Unit.COUNT,
                          RegionalTotals::tenantsInIncubation),
    TEAMS_IN_INCUBATION("teamsInIncubation", "在孵创业团队数", "Teams in incubation", Unit.COUNT,
                        RegionalTotals::teamsInIncubation),
    COMPANIES_INCUBATED("companiesIncubated", "累计孵化企业", "Companies incubated (cumulative)", Unit.COUNT,
                        RegionalTotals::companiesIncubated),
    GRADUATED_COMPANIES("graduatedCompanies", "累计毕业企业", "Graduated companies (cumulative)", Unit.COUNT,
                        t -> t.graduated().companies()),
    GRADUATIONS("graduations", "累计毕业（次）", "Graduations (cumulative)", Unit.COUNT,
                t -> t.graduated().graduations()),
    IP_IN_INCUBATION("ipInIncubation", "在孵企业知识产权", "IP held by tenants in incubation", Unit.COUNT,
                     t -> t.ipHeld().inIncubation()),
    IP_CUMULATIVE("ipCumulative", "累计获得知识产权", "IP obtained (cumulative)", Unit.COUNT,
                  t -> t.ipHeld().cumulative()),
    JOBS("jobs", "吸纳就业", "Jobs", Unit.COUNT, RegionalTotals::jobs),
    INVESTMENT_COUNT("investmentCount", "累计获得投融资（笔）", "Investments received (cumulative count)", Unit.COUNT,
                     t -> t.investment().count()),
    INVESTMENT_AMOUNT_CNY("investmentAmountCny", "累计获得投融资（元）", "Investment received (cumulative, yuan)",
                          Unit.YUAN, t -> t.investment().amountCny());

    /** How a figure is written: a count, square metres or yuan (the last two with two decimal places). */
    public enum Unit { COUNT, SQUARE_METRES, YUAN }

    private final String key;
    private final String zh;
    private final String en;
    private final Unit unit;
    private final Function<RegionalTotals, Object> value;

    Indicator(String key, String zh, String en, Unit unit, Function<RegionalTotals, Object> value) {
        this.key = key;
        this.zh = zh;
        this.en = en;
        this.unit = unit;
        this.value = value;
    }

    public String key() {
        return key;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    public Unit unit() {
        return unit;
    }

    /** The name in the reader's language: English for English, the published Chinese otherwise. */
    public String name(java.util.Locale locale) {
        return "en".equals(locale.getLanguage()) ? en : zh;
    }

    /** This indicator's value in a region's totals. */
    public BigDecimal of(RegionalTotals totals) {
        Object v = value.apply(totals);
        return v instanceof BigDecimal decimal ? decimal : BigDecimal.valueOf(((Number) v).longValue());
    }

    /** The indicator a comparison row names, if the ledger knows it. */
    public static Optional<Indicator> byKey(String key) {
        return Arrays.stream(values()).filter(i -> i.key.equals(key)).findFirst();
    }
}
