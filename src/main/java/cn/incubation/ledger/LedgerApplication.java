package cn.incubation.ledger;

import cn.incubation.ledger.cli.LedgerCli;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;
import java.time.ZoneId;

/** The Incubation Ledger: an event-sourced record of startup-incubation lifecycles. */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
public class LedgerApplication {

    /** Axon's usage reporter calls home at start-up; a ledger on a closed network has no business doing that. */
    static final String AXON_UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";

    /** The one clock the ledger reads "today" from: business dates are Chinese dates, whatever the server's zone. */
    @Bean
    Clock clock() {
        return Clock.system(ZoneId.of("Asia/Shanghai"));
    }

    public static void main(String[] args) {
        if (System.getProperty(AXON_UPDATE_CHECKER_DISABLED) == null) {
            System.setProperty(AXON_UPDATE_CHECKER_DISABLED, "true");
        }
        int exitCode = LedgerCli.run(args);
        if (exitCode != LedgerCli.KEEP_RUNNING) {
            System.exit(exitCode);
        }
    }
}
