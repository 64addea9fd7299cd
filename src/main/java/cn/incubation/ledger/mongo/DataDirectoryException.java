package cn.incubation.ledger.mongo;

import java.nio.file.Path;

/**
 * The embedded store's data directory cannot be used as given: it does not exist (a mistyped path would otherwise
 * open an empty ledger that answers zeros), or another process holds it. The message says what to do.
 */
public class DataDirectoryException extends RuntimeException {

    private DataDirectoryException(String message, Throwable cause) {
        super(message, cause);
    }

    static DataDirectoryException missing(Path dir) {
        return new DataDirectoryException("No ledger at " + dir + ": the data directory does not exist. Give the "
                + "right --ledger.data-dir, or add --init to start a new ledger there", null);
    }

    static DataDirectoryException locked(Path dir, Throwable cause) {
        return new DataDirectoryException("The ledger at " + dir + " is in use by another process (a ledger serving "
                + "it?): stop that one first, or give --server URL to talk to it", cause);
    }
}
