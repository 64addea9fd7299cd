package cn.incubation.ledger.cli;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything wrong with one import row that can be told before the ledger sees it (unknown columns, missing fields,
 * dates and numbers that are none), all at once, so a person fixes a row in one go; the ledger's own rules then add
 * at most one more. Dates and numbers as Excel shows them are taken as the ledger writes them: {@code 2020/12/31}
 * is 2020-12-31, {@code 1,000,000.00} is 1000000.00.
 */
final class ImportRowCheck {

    /** The row's cells as the ledger takes them, and the problems found; no problems means it may be sent. */
    record Checked(Map<String, String> cells, List<String> problems) {
    }

    private static final Set<String> NUMBERS = Set.of("floorAreaM2", "staff", "employees", "year", "amount",
                                                      "cnyRate");
    private static final DateTimeFormatter EXCEL_DATE = DateTimeFormatter.ofPattern("uuuu[-][/][.]M[-][/][.]d")
                                                                         .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern GROUPED = Pattern.compile("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");

    private ImportRowCheck() {
    }

    static Checked check(HttpCommands.Definition definition, Map<String, String> given) {
        Set<String> allowed = new LinkedHashSet<>(List.of(ImportCommand.COMMAND, ImportCommand.ID));
        definition.fields().forEach(f -> allowed.add(f.name()));
        if (definition.path().contains("{investmentId}")) {
            allowed.add("investmentId");
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> cells = new LinkedHashMap<>();
        given.forEach((column, value) -> {
            if (!allowed.contains(column)) {
                problems.add(column + " = " + value + ": is not a field of " + definition.name());
            } else {
                cells.put(column, value);
            }
        });
        if (definition.path().contains("{id}") && !cells.containsKey(ImportCommand.ID)) {
            problems.add("id is required: the incubator's or tenant's id");
        }
        if (definition.path().contains("{investmentId}") && !cells.containsKey("investmentId")) {
            problems.add("investmentId is required for " + definition.name());
        }
        for (HttpCommands.Field field : definition.fields()) {
            String value = cells.get(field.name());
            if (value == null) {
                if (field.required()) {
                    problems.add(field.name() + " is required (" + field.description() + ")");
                }
            } else if (field.description().startsWith(HttpCommands.DATE)) {
                String date = date(value);
                if (date == null) {
                    problems.add(field.name() + " = " + value + ": is not a date (YYYY-MM-DD)");
                } else {
                    cells.put(field.name(), date);
                }
            } else if (NUMBERS.contains(field.name())) {
                String number = GROUPED.matcher(value).matches() ? value.replace(",", "") : value;
                if (!DECIMAL.matcher(number).matches()) {
                    problems.add(field.name() + " = " + value + ": is not a number");
                } else {
                    cells.put(field.name(), number);
                }
            }
        }
        return new Checked(cells, problems);
    }

    private static String date(String value) {
        try {
            return LocalDate.parse(value, EXCEL_DATE).toString();
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }
}
