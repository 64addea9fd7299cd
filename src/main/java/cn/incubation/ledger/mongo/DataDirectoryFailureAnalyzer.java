package cn.incubation.ledger.mongo;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a data directory that cannot be used into Boot's short start-up report instead of a stack trace through the
 * beans that needed it.
 */
class DataDirectoryFailureAnalyzer extends AbstractFailureAnalyzer<DataDirectoryException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Check --ledger.data-dir; start a new ledger with --init; stop the other ledger on that directory.",
                cause);
    }
}
