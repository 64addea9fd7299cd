package cn.incubation.ledger.cli;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationContext;

/**
 * Keeps INFO lines off the console while a progress bar redraws its line, so the bar stays one line; warnings and
 * errors still come through. The configured level comes back on {@link #close()}.
 */
final class QuietLogs implements AutoCloseable {

    private final LoggingSystem logging;
    private final LogLevel before;

    private QuietLogs(LoggingSystem logging) {
        this.logging = logging;
        LoggerConfiguration root = logging.getLoggerConfiguration(LoggingSystem.ROOT_LOGGER_NAME);
        this.before = root == null ? null : root.getConfiguredLevel();
        logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
    }

    static QuietLogs during(ApplicationContext ledger) {
        return new QuietLogs(ledger.getBean(LoggingSystem.class));
    }

    @Override
    public void close() {
        logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, before);
    }
}
