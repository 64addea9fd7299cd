package cn.incubation.ledger.cli;

import cn.incubation.ledger.demo.DemoAccounts;
import cn.incubation.ledger.demo.DemoHistory;
import cn.incubation.ledger.demo.DemoLoader;
import cn.incubation.ledger.demo.PlannedCommand;
import cn.incubation.ledger.projector.ProjectionService;
import cn.incubation.ledger.region.RegionCatalog;
import cn.incubation.ledger.regionaltotals.RegionalTotalsQueries;
import cn.incubation.ledger.security.Users;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Loads the demo history into an empty ledger, makes one account per role and prints them, prints the regional
 * comparison, then serves.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
         description = "Load a generated ten-year history (2016–2025) of a region into an empty ledger through the "
                 + "ordinary command path, print the comparison of 2025-12-31 with 2020-12-31, then serve. At "
                 + "--scale 1.0 the chengyu comparison lands on the published table (see DOMAIN.md).")
class DemoCommand implements Callable<Integer> {

    static final String ADMIN_PASSWORD_PROPERTY = "ledger.security.admin-password";

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
        // A fresh demo ledger's admin gets the demo password unless the user gave one.
        boolean adminPasswordGiven = System.getenv("LEDGER_ADMIN_PASSWORD") != null || root.springArgs.stream()
                .anyMatch(arg -> arg.startsWith("--" + ADMIN_PASSWORD_PROPERTY + "="));
        ConfigurableApplicationContext ledger = adminPasswordGiven ? root.startNew(true)
                : root.startNew(true, "--" + ADMIN_PASSWORD_PROPERTY + "=" + DemoAccounts.ADMIN_PASSWORD);
        RegionCatalog regions = ledger.getBean(RegionCatalog.class);
        if (!regions.isKnown(region)) {
            System.err.println("--region " + region + " is not in the region catalog; try chengyu, 510000 or 500000");
            ledger.close();
            return 1;
        }
        ProjectionService projections = ledger.getBean(ProjectionService.class);
        long existing = Math.max(0, projections.head());
        List<PlannedCommand> loaded = List.of();
        if (existing > 0) {
            System.out.printf(Locale.ROOT, "The ledger already holds %,d events, so the demo is not loaded again "
                                      + "(use an empty --ledger.data-dir for a fresh one).%n", existing);
        } else {
            loaded = load(ledger, regions);
        }
        Users users = ledger.getBean(Users.class);
        List<DemoAccounts.Account> accounts = DemoAccounts.ensure(users, loaded);
        try (QuietLogs quiet = QuietLogs.during(ledger)) {
            awaitProjections(projections);
        }
        System.out.println();
        System.out.print(ComparisonTable.table(ledger.getBean(RegionalTotalsQueries.class).comparison(
                region, DemoHistory.END_13TH_PLAN, DemoHistory.LAST_DAY, ledger.getBean(Clock.class).instant())));
        // Last, so that what a person needs next is what the console ends with: the accounts and the address.
        printAccounts(users, accounts);
        if (exit) {
            ledger.close();
            return 0;
        }
        int port = ((WebServerApplicationContext) ledger).getWebServer().getPort();
        System.out.printf(Locale.ROOT, "%nOpen http://localhost:%d/ in a browser and sign in with an account above "
                                  + "(中文 by default; English at the top right). The API: "
                                  + "http://localhost:%d/swagger-ui.html. Ctrl+C stops the ledger.%n", port, port);
        return LedgerCli.KEEP_RUNNING;
    }

    private List<PlannedCommand> load(ConfigurableApplicationContext ledger, RegionCatalog regions)
            throws InterruptedException {
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
        return commands;
    }

    /** The demo accounts with their demo passwords, for those that still have them. */
    static void printAccounts(Users users, List<DemoAccounts.Account> accounts) {
        System.out.println();
        System.out.println("Demo accounts (fixed demo passwords, for a demonstration only; sign in on the pages, or "
                                   + "with HTTP Basic to the API, e.g. curl -u demo-analyst:analyst-demo-2025):");
        for (DemoAccounts.Account account : accounts) {
            String password = users.accepts(account.username(), account.password()) ? account.password()
                    : "(not the demo password: set by LEDGER_ADMIN_PASSWORD, the first start, or changed since)";
            System.out.printf(Locale.ROOT, "  %-14s %-13s %-22s %s%n", account.username(), account.role(),
                              password, account.scope());
        }
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
