package cn.incubation.ledger.security;

import org.springframework.security.authentication.LockedException;

import java.time.Duration;

/** A sign-in refused unchecked because too many attempts failed just before it; it may be tried again later. */
public class LoginThrottledException extends LockedException {

    private final Duration retryAfter;

    LoginThrottledException(Duration retryAfter) {
        super("Too many failed sign-ins for this user or from this address: try again in "
                + seconds(retryAfter) + " s");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds until the next attempt may be checked, at least one. */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
