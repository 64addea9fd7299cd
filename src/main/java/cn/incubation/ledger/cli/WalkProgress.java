package cn.incubation.ledger.cli;

import cn.incubation.ledger.verification.LedgerVerification;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar over the global indexes a verification walks. */
final class WalkProgress implements LedgerVerification.Progress, AutoCloseable {

    private final String task;
    private ProgressBar bar;

    WalkProgress(String task) {
        this.task = task;
    }

    @Override
    public void at(long position, long estimatedEnd) {
        if (bar == null) {
            // Made at the first report: the end is known once the ledger has started.
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(1, estimatedEnd))
                                          .setUnit(" indexes", 1).setStyle(ProgressBarStyle.ASCII).showSpeed()
                                          .build();
        }
        bar.maxHint(Math.max(estimatedEnd, position));
        bar.stepTo(position);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
