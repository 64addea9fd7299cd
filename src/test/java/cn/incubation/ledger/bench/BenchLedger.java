package cn.incubation.ledger.bench;

import cn.incubation.ledger.LedgerApplication;
import cn.incubation.ledger.projector.ProjectionService;
import cn.incubation.ledger.web.LedgerHttp;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the read-side benchmarks share: a ledger on a data directory ({@code bench.data}, or a new temporary one) and
 * the load of a synthetic history into it, skipped when the directory holds that history already.
 */
final class BenchLedger {

    private BenchLedger() {
    }

    /** {@code bench.data}, to measure a kept ledger again, or a new temporary directory named after the benchmark. */
    static Path dataDir(String prefix) throws IOException {
        String reuse = System.getProperty("bench.data", "");
        return reuse.isEmpty() ? Files.createTempDirectory(prefix) : Path.of(reuse);
    }

    /** The whole ledger on a free port and this data directory, logging warnings only unless told otherwise. */
    static ConfigurableApplicationContext start(Path dataDir, String... arguments) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--ledger.data-dir=" + dataDir,
                                                   "--logging.level.root=WARN", LedgerHttp.ADMIN_PASSWORD_ARGUMENT));
        all.addAll(List.of(arguments));
        return new SpringApplicationBuilder(LedgerApplication.class).run(all.toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext ledger) {
        return ((WebServerApplicationContext) ledger).getWebServer().getPort();
    }

    /** How a load went: seconds from its start until the last append, and until the projections caught up. */
    record Load(boolean appended, double appendSeconds, double caughtUpSeconds) {
    }

    /**
     * Appends the history in batches of 100 unless the ledger holds it already, then waits for the projections to
     * catch up. A ledger that holds the history has a head of at least its size (3,000 after 3,000 events).
     */
    static Load load(ConfigurableApplicationContext ledger, List<DomainEventMessage<?>> history, Path dataDir,
                     Duration patience) {
        ProjectionService projections = ledger.getBean(ProjectionService.class);
        EventStore eventStore = ledger.getBean(EventStore.class);
        long t0 = System.nanoTime();
        long stored = projections.head();
        boolean held = stored >= history.size();
        if (held) {
            System.out.printf(Locale.ROOT, "  the data directory holds them already (head %,d)%n", stored);
        } else if (stored > 0) {
            // Part of some other history: the head of an empty store is below zero.
            throw new IllegalStateException(dataDir + " holds " + stored + " events, not the " + history.size()
                                                    + " of this history: give an empty or matching bench.data");
        }
        for (int i = 0; i < history.size() && !held; i += 100) {
            eventStore.publish(history.subList(i, Math.min(history.size(), i + 100)));
        }
        double appendSeconds = (System.nanoTime() - t0) / 1e9;
        if (!projections.awaitCaughtUp(patience)) {
            throw new IllegalStateException("projections did not catch up");
        }
        return new Load(!held, appendSeconds, (System.nanoTime() - t0) / 1e9);
    }

    /** The median and 95th percentile of a request's times, in milliseconds. */
    record Timings(double p50, double p95) {
    }

    /** One request to time. */
    interface Request {
        void run() throws Exception;
    }

    /** Times {@code samples} runs of a request after {@code warmUps} unmeasured ones. */
    static Timings time(Request request, int warmUps, int samples) throws Exception {
        for (int i = 0; i < warmUps; i++) {
            request.run();
        }
        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            long s = System.nanoTime();
            request.run();
            nanos[i] = System.nanoTime() - s;
        }
        Arrays.sort(nanos);
        return new Timings(nanos[samples / 2] / 1e6, nanos[(int) (samples * 0.95)] / 1e6);
    }
}
