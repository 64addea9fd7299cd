package cn.incubation.ledger.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The {@code ledger.security.*} settings.
 *
 * @param adminPassword the password of the {@code admin} user made at the first start (empty: a random one, printed)
 * @param login         how repeated failed sign-ins are slowed
 */
@ConfigurationProperties("ledger.security")
public record LedgerSecurityProperties(String adminPassword, @DefaultValue Login login) {

    /**
     * After {@code userFailures} failed sign-ins in a row for one username, or {@code addressFailures} from one
     * address, each further attempt is refused without a password check for a while that starts at
     * {@code firstLock} and doubles with every failure, up to {@code longestLock}.
     */
    public record Login(@DefaultValue("5") int userFailures, @DefaultValue("50") int addressFailures,
                        @DefaultValue("1s") Duration firstLock, @DefaultValue("5m") Duration longestLock) {
    }
}
