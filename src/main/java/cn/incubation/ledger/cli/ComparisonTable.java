package cn.incubation.ledger.cli;

import cn.incubation.ledger.regionaltotals.Comparison;
import cn.incubation.ledger.report.Indicator;
import cn.incubation.ledger.report.RegionalTables;
import cn.incubation.ledger.report.TableFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.util.Locale;

/**
 * The regional comparison as a console table, CSV or an Excel workbook, with the indicators' Chinese names (the
 * workbook is the one the pages download: {@link RegionalTables}).
 */
final class ComparisonTable {

    private ComparisonTable() {
    }

    static String table(Comparison comparison) {
        DecimalFormat number = new DecimalFormat("#,##0.##");
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Region %s: %s compared with %s (as known at %s)%n",
                                 comparison.regionCode(), comparison.to(), comparison.from(), comparison.knownAt()));
        String format = "%-26s %16s %16s %16s %9s  %s%n";
        out.append(String.format(Locale.ROOT, format, "indicator", comparison.from(), comparison.to(), "increase",
                                 "growth", "指标"));
        for (Comparison.Row row : comparison.indicators()) {
            out.append(String.format(Locale.ROOT, format, row.indicator(), number.format(row.from()),
                                     number.format(row.to()), number.format(row.increase()),
                                     row.growthPercent() == null ? "—" : row.growthPercent() + "%",
                                     chinese(row.indicator())));
        }
        return out.toString();
    }

    static String csv(Comparison comparison) {
        StringBuilder out = new StringBuilder("indicator,指标,from,to,increase,growthPercent\n");
        for (Comparison.Row row : comparison.indicators()) {
            out.append(String.join(",", row.indicator(), chinese(row.indicator()), plain(row.from()),
                                   plain(row.to()), plain(row.increase()), plain(row.growthPercent())))
               .append('\n');
        }
        return out.toString();
    }

    /** The workbook the pages download too: Chinese headers, number and percent formats. */
    static void xlsx(Comparison comparison, OutputStream out) throws IOException {
        TableFiles.xlsx(RegionalTables.comparison(comparison, comparison.regionCode()), out);
    }

    private static String chinese(String indicator) {
        return Indicator.byKey(indicator).map(Indicator::zh).orElse(indicator);
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }
}
