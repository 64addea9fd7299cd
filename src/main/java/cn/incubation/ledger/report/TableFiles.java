package cn.incubation.ledger.report;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Table} as an Excel workbook (number, percent and date formats, Chinese headers, instants in Beijing
 * time) or as CSV in UTF-8 with a byte-order mark, without which Excel on Chinese Windows reads the file as GBK.
 */
public final class TableFiles {

    /** Beijing time, in which every instant of a download is written. */
    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    public static final DateTimeFormatter BEIJING_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                                                                          .withZone(BEIJING);
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private TableFiles() {
    }

    public static byte[] xlsx(Table table) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            xlsx(table, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static void xlsx(Table table, OutputStream out) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(table.sheetName()));
            Map<Table.Format, CellStyle> styles = styles(workbook);
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);

            int r = 0;
            for (String line : table.title()) {
                sheet.createRow(r++).createCell(0).setCellValue(line);
            }
            if (!table.title().isEmpty()) {
                r++;
            }
            int headerRow = r;
            Row header = sheet.createRow(r++);
            int[] widths = new int[table.columns().size()];
            for (int c = 0; c < table.columns().size(); c++) {
                Cell cell = header.createCell(c);
                cell.setCellValue(table.columns().get(c).header());
                cell.setCellStyle(bold);
                widths[c] = width(table.columns().get(c).header());
            }
            for (List<Object> values : table.rows()) {
                Row row = sheet.createRow(r++);
                for (int c = 0; c < values.size(); c++) {
                    Object value = values.get(c);
                    Table.Format format = table.columns().get(c).format();
                    if (value instanceof Table.Typed typed) {
                        value = typed.value();
                        format = typed.format();
                    }
                    if (value == null) {
                        continue;
                    }
                    Cell cell = row.createCell(c);
                    cell.setCellStyle(styles.get(format));
                    switch (format) {
                        case TEXT -> cell.setCellValue(value.toString());
                        case COUNT, DECIMAL, PERCENT -> cell.setCellValue(((Number) value).doubleValue());
                        case DATE -> cell.setCellValue((LocalDate) value);
                        case INSTANT -> cell.setCellValue(((Instant) value).atZone(BEIJING).toLocalDateTime());
                    }
                    widths[c] = Math.max(widths[c], width(text(value, format)));
                }
            }
            for (int c = 0; c < widths.length; c++) {
                sheet.setColumnWidth(c, Math.min(255, widths[c] + 2) * 256);
            }
            sheet.createFreezePane(0, headerRow + 1);
            workbook.write(out);
        }
    }

    /** CSV for Excel: a UTF-8 byte-order mark, the header row, then the rows; CRLF line ends. */
    public static byte[] csv(Table table) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(UTF8_BOM);
        try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(writer, CSVFormat.EXCEL)) {
            printer.printRecord(table.columns().stream().map(Table.Column::header).toList());
            for (List<Object> values : table.rows()) {
                Object[] cells = new Object[values.size()];
                for (int c = 0; c < values.size(); c++) {
                    Object value = values.get(c);
                    Table.Format format = table.columns().get(c).format();
                    if (value instanceof Table.Typed typed) {
                        value = typed.value();
                        format = typed.format();
                    }
                    cells[c] = value == null ? "" : csvText(value, format);
                }
                printer.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Map<Table.Format, CellStyle> styles(XSSFWorkbook workbook) {
        DataFormat formats = workbook.createDataFormat();
        Map<Table.Format, String> patterns = Map.of(Table.Format.TEXT, "@", Table.Format.COUNT, "#,##0",
                                                    Table.Format.DECIMAL, "#,##0.00", Table.Format.PERCENT, "0.0%",
                                                    Table.Format.DATE, "yyyy-mm-dd",
                                                    Table.Format.INSTANT, "yyyy-mm-dd hh:mm:ss");
        Map<Table.Format, CellStyle> styles = new EnumMap<>(Table.Format.class);
        patterns.forEach((format, pattern) -> {
            CellStyle style = workbook.createCellStyle();
            style.setDataFormat(formats.getFormat(pattern));
            styles.put(format, style);
        });
        return styles;
    }

    private static String csvText(Object value, Table.Format format) {
        String text = text(value, format);
        // A cell that starts like a formula is one to Excel: text from a user must stay text.
        if (format == Table.Format.TEXT && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    private static String text(Object value, Table.Format format) {
        return switch (format) {
            case TEXT, DATE -> value.toString();
            case COUNT -> value instanceof BigDecimal d ? d.toPlainString() : value.toString();
            case DECIMAL -> (value instanceof BigDecimal d ? d : new BigDecimal(value.toString()))
                    .setScale(2, RoundingMode.HALF_EVEN).toPlainString();
            case PERCENT -> (value instanceof BigDecimal d ? d : new BigDecimal(value.toString()))
                    .movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
            case INSTANT -> BEIJING_TIME.format((Instant) value);
        };
    }

    /** Display width in Excel's character units: a Chinese character is about two Latin ones wide. */
    private static int width(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); i++) {
            width += text.charAt(i) > 0x2E80 ? 2 : 1;
        }
        return width;
    }
}
