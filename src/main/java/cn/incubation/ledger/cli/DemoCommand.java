package cn.incubation.ledger.cli;

import cn.incubation.ledger.demo.DemoHistory;
import cn.incubation.ledger.demo.DemoLoader;
import cn.incubation.ledger.demo.PlannedCommand;
import cn.incubation.ledger.projector.ProjectionService;
import cn.incubation.ledger.region.RegionCatalog;
import cn.incubation.ledger.regionaltotals.RegionalTotalsQueries;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** Loads the demo history into an empty ledger, prints the regional comparison, then serves. */
@Command(name = "demo", mixinStandardHelpOptions = true,
         description = "Load a generated ten-year history (2016–2025) of a region into an empty ledger through the "
                 + "ordinary command path, print the comparison of 2025-12-31 with 2020-12-31, then serve. At "
                 + "--scale 1.0 the chengyu comparison lands on the published table (see DOMAIN.md).")
class DemoCommand implements Callable<Integer> {

    /** Small enough to load in well under three minutes on two cores; the growth figures hold at any scale. */
    static final String DEFAULT_SCALE = "0.05";

    private final LedgerCli root;

    @Option(names = "--region", defaultValue = "chengyu", description = "region code (default: ${DEFAULT-VALUE})")
    String region;

    @Option(names = "--scale", defaultValue = DEFAULT_SCALE,
            description = "share of the published size, 0 < S ≤ 1 (default: ${DEFAULT-VALUE}; 1.0 is the full region)")
    double scale;

    @Option(names = "--seed", defaultValue = "2025", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--workers", defaultValue = "4", description = "threads issuing commands (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--exit", description = "print the comparison and stop instead of serving")
    boolean exit;

    DemoCommand(LedgerCli root) {
        this.root = root;
    }

    @Override
    public Integer call() throws Exception {
        if (!(scale > 0 && scale <= 1)) {
            System.err.println("--scale must be above 0 and at most 1, got " + scale);
            return 2;
        }
        ConfigurableApplicationContext ledger = root.start(true);
        RegionCatalog regions = ledger.getBean(RegionCatalog.class);
        if (!regions.isKnown(region)) {
            System.err.println("--region " + region + " is not in the region catalog; try chengyu, 510000 or 500000");
            ledger.close();
            return 1;
        }
        ProjectionService projections = ledger.getBean(ProjectionService.class);
        long existing = Math.max(0, projections.head());
        if (existing > 0) {
            System.out.printf(Locale.ROOT, "The ledger already holds %,d events, so the demo is not loaded again "
                                      + "(use an empty --ledger.data-dir for a fresh one).%n", existing);
        } else {
            load(ledger, regions);
        }
        try (QuietLogs quiet = QuietLogs.during(ledger)) {
            awaitProjections(projections);
        }
        System.out.println();
        System.out.print(ComparisonTable.table(ledger.getBean(RegionalTotalsQueries.class).comparison(
                region, DemoHistory.END_13TH_PLAN, DemoHistory.LAST_DAY, ledger.getBean(Clock.class).instant())));
        if (exit) {
            ledger.close();
            return 0;
        }
        int port = ((WebServerApplicationContext) ledger).getWebServer().getPort();
        System.out.printf(Locale.ROOT, "%nThe ledger serves at http://localhost:%d (API: /swagger-ui.html). "
                                  + "Ctrl+C stops it.%n", port);
        return LedgerCli.KEEP_RUNNING;
    }

    private void load(ConfigurableApplicationContext ledger, RegionCatalog regions) throws InterruptedException {
        System.out.printf(Locale.ROOT, "Generating the demo history of %s at scale %s (seed %d)…%n", region, scale,
                          seed);
        List<PlannedCommand> commands = DemoHistory.generate(regions, region, scale, seed);
        DemoLoader loader = ledger.getBean(DemoLoader.class);
        ProjectionService projections = ledger.getBean(ProjectionService.class);
        projections.pause();
        DemoLoader.Result result;
        try (QuietLogs quiet = QuietLogs.during(ledger);
             ProgressBar bar = new ProgressBarBuilder().setTaskName("Loading").setInitialMax(commands.size())
                                                       .setUnit(" events", 1).setStyle(ProgressBarStyle.ASCII)
                                                       .showSpeed().build()) {
            result = loader.load(commands, "demo-" + seed, workers, progress -> bar.stepTo(progress.issued()));
            bar.stepTo(commands.size());
        } finally {
            projections.resume();
        }
        System.out.printf(Locale.ROOT, "Loaded %,d events in %.1f s (%,.0f events/s).%n", result.issued(),
                          result.elapsed().toMillis() / 1000.0, result.eventsPerSecond());
    }

    static void awaitProjections(ProjectionService projections) throws InterruptedException {
        long head = Math.max(0, projections.head());
        int count = projections.status().size();
        // One long wait, watched from here: a wait counts only polls that began after it did, so many short waits
        // in a row would never see one finish.
        CompletableFuture<Boolean> caughtUp = CompletableFuture.supplyAsync(
                () -> projections.awaitCaughtUp(Duration.ofHours(2)));
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Projecting").setInitialMax(head * count)
                                                       .setUnit(" events", 1).setStyle(ProgressBarStyle.ASCII)
                                                       .showSpeed().build()) {
            while (!caughtUp.isDone()) {
                bar.stepTo(Math.min(head * count, projections.status().stream()
                                                             .mapToLong(s -> Math.max(0, s.position())).sum()));
                Thread.sleep(200);
            }
            bar.stepTo(head * count);
        }
    }
}
