package cn.incubation.ledger.report;

import cn.incubation.ledger.regionaltotals.RegionalSeries.Flows;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.function.Function;

/** What flowed within a period (a series' period, or between a comparison's two dates), as the reports name it. */
public enum Flow {
    INVESTMENT_COUNT("investmentCount", "获得投融资（笔）", "Investments received (count)", Indicator.Unit.COUNT,
                     Flows::investmentCount),
    INVESTMENT_AMOUNT_CNY("investmentAmountCny", "获得投融资（元）", "Investment received (yuan)", Indicator.Unit.YUAN,
                          Flows::investmentAmountCny),
    COMPANIES_INCUBATED("companiesIncubated", "新增孵化企业", "Companies incubated for the first time",
                        Indicator.Unit.COUNT, Flows::companiesIncubated),
    GRADUATIONS("graduations", "毕业（次）", "Graduations", Indicator.Unit.COUNT, Flows::graduations),
    GRADUATED_COMPANIES("graduatedCompanies", "新增毕业企业", "Companies graduated for the first time",
                        Indicator.Unit.COUNT, Flows::graduatedCompanies),
    IP_GRANTED("ipGranted", "新增知识产权", "IP granted", Indicator.Unit.COUNT, Flows::ipGranted);

    private final String key;
    private final String zh;
    private final String en;
    private final Indicator.Unit unit;
    private final Function<Flows, Object> value;

    Flow(String key, String zh, String en, Indicator.Unit unit, Function<Flows, Object> value) {
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

    public Indicator.Unit unit() {
        return unit;
    }

    public String name(Locale locale) {
        return "en".equals(locale.getLanguage()) ? en : zh;
    }

    public BigDecimal of(Flows flows) {
        Object v = value.apply(flows);
        return v instanceof BigDecimal decimal ? decimal : BigDecimal.valueOf(((Number) v).longValue());
    }
}
