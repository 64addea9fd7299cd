package cn.incubation.ledger.shared;

import java.util.List;

/**
 * A file under {@code config/} that cannot be loaded: not YAML, or entries that break its rules. Every problem is
 * kept with its line, so one reading of the message is enough to fix the file.
 */
public abstract class InvalidFileException extends RuntimeException {

    private final List<String> problems;

    /**
     * @param subject what the file is and where, as a sentence starts: "Region catalog config/regions.yaml"
     * @param verb    "has" or "have", as the subject wants
     */
    protected InvalidFileException(String subject, String verb, List<String> problems, Throwable cause) {
        super(message(subject, verb, problems), cause);
        this.problems = List.copyOf(problems);
    }

    /** Each thing wrong, with its line and the entry it was found in. */
    public List<String> problems() {
        return problems;
    }

    private static String message(String subject, String verb, List<String> problems) {
        if (problems.size() == 1) {
            return subject + ": " + problems.get(0);
        }
        StringBuilder message = new StringBuilder(subject + " " + verb + " " + problems.size() + " problems:");
        problems.forEach(problem -> message.append(System.lineSeparator()).append("  - ").append(problem));
        return message.toString();
    }
}
