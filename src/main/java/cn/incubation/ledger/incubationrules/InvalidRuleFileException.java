package cn.incubation.ledger.incubationrules;

import java.util.List;

/** An incubation rule file that cannot be loaded: not YAML, or entries that break the file's rules. */
public class InvalidRuleFileException extends RuntimeException {

    private final List<String> problems;

    InvalidRuleFileException(String source, List<String> problems) {
        super(message(source, problems));
        this.problems = List.copyOf(problems);
    }

    InvalidRuleFileException(String source, String problem, Throwable cause) {
        super(message(source, List.of(problem)), cause);
        this.problems = List.of(problem);
    }

    /** Each thing wrong, with its line and the entry it was found in. */
    public List<String> problems() {
        return problems;
    }

    private static String message(String source, List<String> problems) {
        if (problems.size() == 1) {
            return "Incubation rules " + source + ": " + problems.get(0);
        }
        StringBuilder message = new StringBuilder("Incubation rules " + source + " have " + problems.size()
                                                  + " problems:");
        problems.forEach(problem -> message.append(System.lineSeparator()).append("  - ").append(problem));
        return message.toString();
    }
}
