package cn.incubation.ledger.incubationrules;

import cn.incubation.ledger.shared.InvalidFileException;

import java.util.List;

/** An incubation rule file that cannot be loaded: not YAML, or entries that break the file's rules. */
public class InvalidRuleFileException extends InvalidFileException {

    InvalidRuleFileException(String source, List<String> problems) {
        super("Incubation rules " + source, "have", problems, null);
    }

    InvalidRuleFileException(String source, String problem, Throwable cause) {
        super("Incubation rules " + source, "have", List.of(problem), cause);
    }
}
