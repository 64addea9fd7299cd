package cn.incubation.ledger.cli;

import cn.incubation.ledger.projector.ProjectionService;
import cn.incubation.ledger.shared.LedgerRejection;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** Rebuilds projections from the events of the local data directory, showing progress. */
@Command(name = "replay", mixinStandardHelpOptions = true,
         description = "Rebuild one projection (or all, in one pass over the events) from the events, with a progress "
                 + "bar. The current view is replaced once the rebuilt one has caught up.")
class ReplayCommand implements Callable<Integer> {

    private final LedgerCli root;

    @Parameters(arity = "0..1", paramLabel = "PROJECTION",
                description = "regional-totals, incubator-history, incubator-state, investment-trail or tenant-state "
                        + "(default: all)")
    String projection;

    ReplayCommand(LedgerCli root) {
        this.root = root;
    }

    @Override
    public Integer call() throws Exception {
        try (ConfigurableApplicationContext ledger = root.start(false, "--logging.level.root=WARN")) {
            ProjectionService projections = ledger.getBean(ProjectionService.class);
            List<String> names = projection != null ? List.of(projection)
                    : projections.status().stream().map(ProjectionService.Status::name).toList();
            try {
                projections.replay(names);
            } catch (LedgerRejection e) {
                System.err.println("Rejected: " + e.getMessage());
                return 1;
            }
            long head = Math.max(0, projections.head());
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Rebuilding " + String.join(", ", names))
                                                           .setInitialMax(head * names.size()).setUnit(" events", 1)
                                                           .setStyle(ProgressBarStyle.ASCII).showSpeed().build()) {
                while (true) {
                    long done = 0;
                    boolean replaying = false;
                    for (String name : names) {
                        ProjectionService.Status status = projections.status(name);
                        replaying |= status.replaying();
                        done += status.replaying() ? Math.max(0, status.replayPosition()) : head;
                    }
                    bar.stepTo(Math.min(done, head * names.size()));
                    if (!replaying) {
                        break;
                    }
                    Thread.sleep(200);
                }
            }
            System.out.println("Rebuilt " + String.join(", ", names) + " from " + head + " events.");
            return 0;
        }
    }
}
