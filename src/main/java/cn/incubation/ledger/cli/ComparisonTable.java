package cn.incubation.ledger.cli;

import cn.incubation.ledger.regionaltotals.Comparison;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The regional comparison as a console table, CSV or an Excel workbook, with the indicators' Chinese names. */
final class ComparisonTable {

    /** Each indicator's name in the published reports' words. */
    static final Map<String, String> CHINESE = Map.ofEntries(
            Map.entry("incubatorsInclMakerSpaces", "孵化器（含众创空间）数量"),
            Map.entry("carriersTotal", "孵化载体总数（五类）"),
            Map.entry("floorAreaM2", "孵化场地面积（平方米）"),
            Map.entry("staff", "孵化器管理服务人员"),
            Map.entry("tenantsInIncubation", "在孵企业数"),
            Map.entry("teamsInIncubation", "在孵创业团队数"),
            Map.entry("companiesIncubated", "累计孵化企业"),
            Map.entry("graduatedCompanies", "累计毕业企业"),
            Map.entry("graduations", "累计毕业（次）"),
            Map.entry("ipInIncubation", "在孵企业知识产权"),
            Map.entry("ipCumulative", "累计获得知识产权"),
            Map.entry("jobs", "吸纳就业"),
            Map.entry("investmentCount", "累计获得投融资（笔）"),
            Map.entry("investmentAmountCny", "累计获得投融资（元）"));

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
                                     CHINESE.get(row.indicator())));
        }
        return out.toString();
    }

    static String csv(Comparison comparison) {
        StringBuilder out = new StringBuilder("indicator,指标,from,to,increase,growthPercent\n");
        for (Comparison.Row row : comparison.indicators()) {
            out.append(String.join(",", row.indicator(), CHINESE.get(row.indicator()), plain(row.from()),
                                   plain(row.to()), plain(row.increase()), plain(row.growthPercent())))
               .append('\n');
        }
        return out.toString();
    }

    static void xlsx(Comparison comparison, OutputStream out) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("对比 " + comparison.regionCode());
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            Row title = sheet.createRow(0);
            title.createCell(0).setCellValue(comparison.regionCode() + "：" + comparison.to() + " 与 " + comparison.from()
                                                     + " 对比（数据截至 " + comparison.knownAt() + "）");
            List<String> headers = List.of("指标", "indicator", comparison.from().toString(),
                                           comparison.to().toString(), "增量", "增长率（%）");
            Row header = sheet.createRow(2);
            for (int i = 0; i < headers.size(); i++) {
                Cell cell = header.createCell(i);
                cell.setCellValue(headers.get(i));
                cell.setCellStyle(bold);
            }
            int r = 3;
            for (Comparison.Row row : comparison.indicators()) {
                Row line = sheet.createRow(r++);
                line.createCell(0).setCellValue(CHINESE.get(row.indicator()));
                line.createCell(1).setCellValue(row.indicator());
                line.createCell(2).setCellValue(row.from().doubleValue());
                line.createCell(3).setCellValue(row.to().doubleValue());
                line.createCell(4).setCellValue(row.increase().doubleValue());
                if (row.growthPercent() != null) {
                    line.createCell(5).setCellValue(row.growthPercent().doubleValue());
                }
            }
            for (int i = 0; i < headers.size(); i++) {
                sheet.autoSizeColumn(i);
            }
            workbook.write(out);
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }
}
