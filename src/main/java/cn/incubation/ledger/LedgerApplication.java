package cn.incubation.ledger;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;
import java.time.ZoneId;

/**
 * The Incubation Ledger: an event-sourced record of startup-incubation lifecycles. The Spring application only; the
 * process starts at {@link cn.incubation.ledger.cli.LedgerCli#main}, which starts this when a command needs it.
 */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
public class LedgerApplication {

    /** The one clock the ledger reads "today" from: business dates are Chinese dates, whatever the server's zone. */
    @Bean
    Clock clock() {
        return Clock.system(ZoneId.of("Asia/Shanghai"));
    }
}
