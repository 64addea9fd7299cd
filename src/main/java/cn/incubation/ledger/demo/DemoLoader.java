package cn.incubation.ledger.demo;

import cn.incubation.ledger.shared.CommandMetadata;
import cn.incubation.ledger.incubator.IncubatorCommands.IncubatorCommand;
import cn.incubation.ledger.tenant.TenantCommands.AdmitTenant;
import cn.incubation.ledger.tenant.TenantCommands.GraduateTenant;
import cn.incubation.ledger.tenant.TenantCommands.RegisterCompany;
import cn.incubation.ledger.tenant.TenantCommands.TenantCommand;
import cn.incubation.ledger.tenant.TenantCommands.WithdrawTenant;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Issues a demo history through Axon's command gateway, as any operator's commands are issued, with the actor
 * {@code demo}, a correlation id and the simulated record time as metadata.
 *
 * <p>Several workers issue commands at once. A command waits only for the earlier commands it shares a key with:
 * its own aggregate (so each carrier's and tenant's commands keep their order), the carrier an admission needs
 * registered and open (so a closure also waits for the carrier's admissions), and the company an admission or an
 * ending concerns (so a company's next admission waits for its previous incubation to end).
 */
@Component
public class DemoLoader {

    /** How far a load has come: commands issued (one event each), of how many, and the rate so far. */
    public record Progress(long issued, long total, double eventsPerSecond) {
    }

    /** What a finished load did. */
    public record Result(long issued, Duration elapsed) {

        public double eventsPerSecond() {
            return issued / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    /** A planned command the ledger refused: a defect of the generator, never something to skip. */
    public static final class DemoCommandRejected extends RuntimeException {
        private final transient PlannedCommand planned;

        DemoCommandRejected(long index, PlannedCommand planned, Throwable cause) {
            super("The ledger refused demo command #" + index + " recorded at " + planned.recordedAt() + ": "
                  + planned.command() + " — " + cause, cause);
            this.planned = planned;
        }

        public PlannedCommand planned() {
            return planned;
        }
    }

    private static final long PROGRESS_INTERVAL_NANOS = 500_000_000L;

    private final CommandGateway commandGateway;

    public DemoLoader(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    /**
     * Issues every command in order of dependency, with {@code workers} threads, telling {@code progress} about twice
     * a second; {@code runId} starts every correlation id. Stops at the first refusal and throws it.
     *
     * @throws DemoCommandRejected if the ledger refuses a command
     */
    public Result load(List<PlannedCommand> commands, String runId, int workers, Consumer<Progress> progress)
            throws InterruptedException {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        long total = commands.size();
        AtomicLong issued = new AtomicLong();
        AtomicReference<DemoCommandRejected> failure = new AtomicReference<>();
        Map<String, CompletableFuture<Void>> tails = new HashMap<>();
        Map<String, String> companyOfTenant = new HashMap<>();
        int window = workers * 256;
        Semaphore inFlight = new Semaphore(window);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread thread = new Thread(r, "demo-loader-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        long start = System.nanoTime();
        long lastReport = start;
        try {
            for (int i = 0; i < commands.size() && failure.get() == null; i++) {
                PlannedCommand planned = commands.get(i);
                List<String> keys = keys(planned.command(), companyOfTenant);
                List<CompletableFuture<Void>> before = new ArrayList<>(keys.size());
                for (String key : keys) {
                    CompletableFuture<Void> tail = tails.get(key);
                    if (tail != null && !tail.isDone()) {
                        before.add(tail);
                    }
                }
                inFlight.acquire();
                long index = i;
                Runnable issue = () -> {
                    if (failure.get() != null) {
                        throw new IllegalStateException("the load stopped");
                    }
                    try {
                        send(planned, runId + ":" + index);
                        issued.incrementAndGet();
                    } catch (RuntimeException e) {
                        DemoCommandRejected rejected = new DemoCommandRejected(index, planned, e);
                        failure.compareAndSet(null, rejected);
                        throw rejected;
                    }
                };
                CompletableFuture<Void> done = before.isEmpty() ? CompletableFuture.runAsync(issue, pool)
                        : CompletableFuture.allOf(before.toArray(CompletableFuture[]::new)).thenRunAsync(issue, pool);
                done.whenComplete((ok, error) -> inFlight.release());
                for (String key : keys) {
                    tails.put(key, done);
                }
                long now = System.nanoTime();
                if (progress != null && now - lastReport > PROGRESS_INTERVAL_NANOS) {
                    lastReport = now;
                    progress.accept(progress(issued.get(), total, start, now));
                }
                if ((i & 0xFFFF) == 0xFFFF) {
                    tails.values().removeIf(CompletableFuture::isDone);
                }
            }
            while (!inFlight.tryAcquire(window, PROGRESS_INTERVAL_NANOS, TimeUnit.NANOSECONDS)) {
                if (progress != null) {
                    progress.accept(progress(issued.get(), total, start, System.nanoTime()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        long end = System.nanoTime();
        if (progress != null) {
            progress.accept(progress(issued.get(), total, start, end));
        }
        return new Result(issued.get(), Duration.ofNanos(end - start));
    }

    private static Progress progress(long issued, long total, long start, long now) {
        return new Progress(issued, total, issued / Math.max(1e-9, (now - start) / 1e9));
    }

    private void send(PlannedCommand planned, String correlationId) {
        MetaData metaData = CommandMetadata.of("demo", correlationId, null, planned.recordedAt().toString());
        commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(planned.command()).andMetaData(metaData));
    }

    /** What a command must wait for: the aggregate it targets, and for admissions and endings more (see above). */
    static List<String> keys(Object command, Map<String, String> companyOfTenant) {
        if (command instanceof AdmitTenant admit) {
            if (admit.isTeam()) {
                return List.of("t:" + admit.tenantId(), "c:" + admit.incubatorId());
            }
            companyOfTenant.put(admit.tenantId(), admit.creditCode().value());
            return List.of("t:" + admit.tenantId(), "c:" + admit.incubatorId(), "co:" + admit.creditCode().value());
        }
        if (command instanceof RegisterCompany register) {
            // A team's company is claimed when it registers: after the company's earlier incubations ended.
            companyOfTenant.put(register.tenantId(), register.creditCode().value());
            return List.of("t:" + register.tenantId(), "co:" + register.creditCode().value());
        }
        if (command instanceof GraduateTenant g) {
            return ending(g.tenantId(), companyOfTenant);
        }
        if (command instanceof WithdrawTenant w) {
            return ending(w.tenantId(), companyOfTenant);
        }
        if (command instanceof TenantCommand c) {
            return List.of("t:" + c.tenantId());
        }
        if (command instanceof IncubatorCommand c) {
            return List.of("c:" + c.incubatorId());
        }
        throw new IllegalArgumentException("not a command the demo issues: " + command);
    }

    private static List<String> ending(String tenantId, Map<String, String> companyOfTenant) {
        String company = companyOfTenant.get(tenantId);
        return company == null ? List.of("t:" + tenantId) : List.of("t:" + tenantId, "co:" + company);
    }
}
