package cn.incubation.ledger.cli;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An import file as Excel writes it: CSV in UTF-8 (with or without the byte-order mark Excel's "CSV UTF-8" puts
 * first), CSV in GBK (Excel's plain "CSV" on Chinese Windows; read as GB18030, which contains it), or an xlsx
 * workbook's first sheet. Rows keep their cells as written, so rejected ones can be written back unchanged.
 */
record ImportFile(String format, List<String> header, List<Line> lines) {

    /** A row of the file: its line (or sheet row) number as the person sees it, and its cells in header order. */
    record Line(long number, List<String> cells) {
    }

    /** The file cannot be read as an import: the message says why in words the person who saved it understands. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};

    static ImportFile read(Path file) throws IOException, Unreadable {
        byte[] bytes = Files.readAllBytes(file);
        if (startsWith(bytes, ZIP)) {
            return workbook(bytes);
        }
        if (startsWith(bytes, OLE2)) {
            throw new Unreadable("is an Excel 97-2003 workbook (.xls); save it as .xlsx or as CSV");
        }
        if (startsWith(bytes, UTF8_BOM)) {
            return csv("CSV, UTF-8 with BOM", new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                                                .onUnmappableCharacter(CodingErrorAction.REPORT)
                                                .decode(ByteBuffer.wrap(bytes)).toString();
            return csv("CSV, UTF-8", text);
        } catch (CharacterCodingException notUtf8) {
            return csv("CSV, GBK", new String(bytes, Charset.forName("GB18030")));
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static ImportFile csv(String format, String text) throws Unreadable {
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                                                 .setIgnoreEmptyLines(true).get().parse(new StringReader(text))) {
            List<String> header = parser.getHeaderNames();
            List<Line> lines = new ArrayList<>();
            for (CSVRecord record : parser) {
                List<String> cells = new ArrayList<>(header.size());
                for (int i = 0; i < header.size(); i++) {
                    cells.add(i < record.size() ? record.get(i) : "");
                }
                // Lines as an editor numbers them: the header is line 1.
                lines.add(new Line(record.getRecordNumber() + 1, cells));
            }
            return new ImportFile(format, header, lines);
        } catch (IOException | IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new Unreadable("is not a readable CSV file: " + e.getMessage());
        }
    }

    private static ImportFile workbook(byte[] bytes) throws Unreadable {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            Sheet sheet = book.getSheetAt(0);
            Row first = sheet.getRow(sheet.getFirstRowNum());
            if (first == null) {
                throw new Unreadable("has an empty first sheet; the header goes in its first row");
            }
            List<String> header = new ArrayList<>();
            for (int c = 0; c < first.getLastCellNum(); c++) {
                header.add(text(first.getCell(c)));
            }
            while (!header.isEmpty() && header.get(header.size() - 1).isEmpty()) {
                header.remove(header.size() - 1);
            }
            List<Line> lines = new ArrayList<>();
            for (int r = first.getRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>(header.size());
                for (int c = 0; c < header.size(); c++) {
                    cells.add(row == null ? "" : text(row.getCell(c)));
                }
                if (cells.stream().anyMatch(cell -> !cell.isEmpty())) {
                    lines.add(new Line(r + 1, cells));
                }
            }
            return new ImportFile("xlsx, sheet '" + sheet.getSheetName() + "'", header, lines);
        } catch (IOException | RuntimeException e) {
            throw new Unreadable("is not a readable xlsx workbook: " + e.getMessage());
        }
    }

    /**
     * A cell as the ledger reads text: a date cell as YYYY-MM-DD, a number in plain digits (never {@code 1.2E7}, never
     * with the grouping commas of its display format), a formula by its cached result.
     */
    private static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> cell.getStringCellValue().strip();
            case NUMERIC -> DateUtil.isCellDateFormatted(cell)
                    ? cell.getLocalDateTimeCellValue().toLocalDate().toString()
                    : plain(cell.getNumericCellValue());
            case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
            default -> "";
        };
    }

    private static String plain(double value) {
        BigDecimal exact = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        return exact.scale() < 0 ? exact.setScale(0).toPlainString() : exact.toPlainString();
    }
}
