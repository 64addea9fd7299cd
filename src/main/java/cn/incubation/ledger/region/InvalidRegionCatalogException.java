package cn.incubation.ledger.region;

import java.util.List;

/** A region catalog file that cannot be loaded: not YAML, or entries that break the catalog's rules. */
public class InvalidRegionCatalogException extends RuntimeException {

    private final List<String> problems;

    InvalidRegionCatalogException(String source, List<String> problems) {
        super(message(source, problems));
        this.problems = List.copyOf(problems);
    }

    InvalidRegionCatalogException(String source, String problem, Throwable cause) {
        super(message(source, List.of(problem)), cause);
        this.problems = List.of(problem);
    }

    /** Each thing wrong, with the line and the entry it was found in. */
    public List<String> problems() {
        return problems;
    }

    private static String message(String source, List<String> problems) {
        if (problems.size() == 1) {
            return "Region catalog " + source + ": " + problems.get(0);
        }
        StringBuilder message = new StringBuilder("Region catalog " + source + " has " + problems.size()
                                                  + " problems:");
        problems.forEach(problem -> message.append(System.lineSeparator()).append("  - ").append(problem));
        return message.toString();
    }
}
