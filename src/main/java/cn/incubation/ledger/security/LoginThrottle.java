package cn.incubation.ledger.security;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing by temporary lockouts kept in memory, per username and per client address: past a number
 * of failures in a row, every attempt is refused unchecked until a lock that doubles with each further failure has
 * passed (see {@link LedgerSecurityProperties.Login}). Refusing instead of sleeping holds no thread, so guessing
 * cannot tie the server up. A success clears its username's count; an address's count fades after an idle hour, so
 * one good account cannot clear the way for guesses at others from the same address. Each node counts on its own.
 */
@Component
class LoginThrottle {

    private static final Duration FORGET_AFTER = Duration.ofHours(1);
    private static final int MOST_TRACKED = 100_000;
    private static final int LONGEST_KEY = 100;

    private final LedgerSecurityProperties.Login settings;
    private final Clock clock;
    private final Map<String, Failures> users = new ConcurrentHashMap<>();
    private final Map<String, Failures> addresses = new ConcurrentHashMap<>();

    @Autowired
    LoginThrottle(LedgerSecurityProperties properties, Clock clock) {
        this(properties.login(), clock);
    }

    LoginThrottle(LedgerSecurityProperties.Login settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Failures in a row, the last one's time, and until when attempts are refused. */
    private record Failures(int count, Instant last, Instant lockedUntil) {
    }

    /** How long attempts for this username from this address stay refused; zero when they may go ahead. */
    Duration lockedFor(String username, String address) {
        Instant now = clock.instant();
        Duration user = remaining(users.get(key(username)), now);
        Duration from = remaining(addresses.get(key(address)), now);
        return user.compareTo(from) >= 0 ? user : from;
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        record(users, key(username), settings.userFailures(), now);
        record(addresses, key(address), settings.addressFailures(), now);
    }

    void succeeded(String username) {
        users.remove(key(username));
    }

    @Scheduled(fixedDelayString = "PT5M")
    void forgetIdle() {
        Instant before = clock.instant().minus(FORGET_AFTER);
        users.values().removeIf(f -> f.last().isBefore(before) && f.lockedUntil().isBefore(before));
        addresses.values().removeIf(f -> f.last().isBefore(before) && f.lockedUntil().isBefore(before));
    }

    private void record(Map<String, Failures> counts, String key, int free, Instant now) {
        if (counts.size() >= MOST_TRACKED && !counts.containsKey(key)) {
            forgetIdle();
            if (counts.size() >= MOST_TRACKED) {
                return;
            }
        }
        counts.compute(key, (k, before) -> {
            int count = before == null || before.last().plus(FORGET_AFTER).isBefore(now) ? 1 : before.count() + 1;
            Instant lockedUntil = count < free ? now : now.plus(lock(count - free));
            return new Failures(count, now, lockedUntil);
        });
    }

    /** The lock after the {@code n}-th failure past the free ones (0 for the first): doubling, capped. */
    private Duration lock(int n) {
        Duration lock = settings.firstLock();
        for (int i = 0; i < n && lock.compareTo(settings.longestLock()) < 0; i++) {
            lock = lock.multipliedBy(2);
        }
        return lock.compareTo(settings.longestLock()) > 0 ? settings.longestLock() : lock;
    }

    private static Duration remaining(Failures failures, Instant now) {
        if (failures == null || !failures.lockedUntil().isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(now, failures.lockedUntil());
    }

    private static String key(String value) {
        String key = value == null ? "" : value.toLowerCase(Locale.ROOT);
        return key.length() > LONGEST_KEY ? key.substring(0, LONGEST_KEY) : key;
    }
}
