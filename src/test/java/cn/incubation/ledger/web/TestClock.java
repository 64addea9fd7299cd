package cn.incubation.ledger.web;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The test ledgers' clock: it stands still until a test moves it, so "today" is a known date and a test that needs
 * "known at T" takes T from here instead of reading the wall clock around a sleep. {@link LedgerServerTest} makes it
 * the application's {@code Clock} and Axon's event clock, so commands' dates and facts' record times agree with it.
 */
public final class TestClock extends Clock {

    /**
     * Monday 2026-03-02, 10:00 in China: after the rules in force from 2025-07-10 and the end of the 14th plan
     * (2025-12-31), as the real "today" was when these tests were written, and far from midnight in either zone.
     */
    public static final Instant START = Instant.parse("2026-03-02T02:00:00Z");
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public TestClock() {
        this(new AtomicReference<>(START), ZONE);
    }

    private TestClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same moving time seen from another zone (Axon asks for none, but a {@code Clock} must answer). */
    @Override
    public Clock withZone(ZoneId zone) {
        return new TestClock(now, zone);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    /** Moves time on and answers the new instant. */
    public Instant advance(Duration duration) {
        return now.updateAndGet(instant -> instant.plus(duration));
    }

    /** The ledger's "today": the date in China now. */
    public LocalDate today() {
        return LocalDate.ofInstant(instant(), ZONE);
    }

    /**
     * An instant after every fact recorded so far and before every fact recorded later: time moves on a second
     * before and after it, so facts on either side are a second away whatever the store's precision.
     */
    public Instant checkpoint() {
        Instant between = advance(Duration.ofSeconds(1));
        advance(Duration.ofSeconds(1));
        return between;
    }

    /** The {@link TestClock} as the application's clock, preferred over {@code LedgerApplication.clock()}. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
