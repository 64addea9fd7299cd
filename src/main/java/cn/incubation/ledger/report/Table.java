package cn.incubation.ledger.report;

import java.util.List;
import java.util.Objects;

/**
 * A table to download, independent of the file format: a sheet name, title lines (what, where, as known when),
 * typed columns and rows of values ({@code String}, {@code Number}, {@code LocalDate}, {@code Instant} or null).
 */
public record Table(String sheetName, List<String> title, List<Column> columns, List<List<Object>> rows) {

    /** How a column's values are written: text, whole numbers, decimals to the fen, a share, a date, an instant. */
    public enum Format { TEXT, COUNT, DECIMAL, PERCENT, DATE, INSTANT }

    /** A value written in a format of its own rather than its column's (a totals table mixes counts and areas). */
    public record Typed(Object value, Format format) {
    }

    /** A column: its header (Chinese, as the reports write it) and its format. */
    public record Column(String header, Format format) {
        public Column {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(format, "format");
        }
    }

    public Table {
        title = List.copyOf(title);
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("a row of " + row.size() + " values in a table of "
                                                   + columns.size() + " columns");
            }
        }
    }

    /** The format that writes a figure of this unit. */
    public static Format formatOf(Indicator.Unit unit) {
        return unit == Indicator.Unit.COUNT ? Format.COUNT : Format.DECIMAL;
    }
}
