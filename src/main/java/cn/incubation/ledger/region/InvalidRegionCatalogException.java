package cn.incubation.ledger.region;

import cn.incubation.ledger.shared.InvalidFileException;

import java.util.List;

/** A region catalog file that cannot be loaded: not YAML, or entries that break the catalog's rules. */
public class InvalidRegionCatalogException extends InvalidFileException {

    InvalidRegionCatalogException(String source, List<String> problems) {
        super("Region catalog " + source, "has", problems, null);
    }

    InvalidRegionCatalogException(String source, String problem, Throwable cause) {
        super("Region catalog " + source, "has", List.of(problem), cause);
    }
}
