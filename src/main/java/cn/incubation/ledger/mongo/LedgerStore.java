package cn.incubation.ledger.mongo;

import java.nio.file.Path;

/** Where the ledger keeps its embedded store: one H2 file in the data directory. */
public final class LedgerStore {

    /** The file's name; every data directory written so far holds it under this name. */
    public static final String FILE_NAME = "ledger.mv";

    private LedgerStore() {
    }

    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }
}
