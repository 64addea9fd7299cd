package cn.incubation.ledger.projector;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Work that runs on a daemon thread of its own until it is done or stopped, and starts again after a pause when it
 * fails, whatever the failure (an {@link Error} included: a thread that died would stop its projection for good): a
 * {@link Rebuild}'s first pass. The processors of the projections are Axon's, which handle their own failures.
 */
abstract class Worker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    private final Duration restartAfter;
    private final Duration stopWait;
    private volatile boolean running = true;
    private Thread thread;

    Worker(Duration restartAfter, Duration stopWait) {
        this.restartAfter = restartAfter;
        this.stopWait = stopWait;
    }

    /** The name of the thread. */
    abstract String threadName();

    /** One attempt at the work: true when it is done, false to attempt it again; an exception is a failure. */
    abstract boolean attempt() throws InterruptedException;

    /** What failed and where it starts again, for the log ("Rebuild of x failed; it starts from the first event"). */
    abstract String failure();

    /** Thrown to start the work again at once, the reason having been dealt with and logged (an event parked). */
    static final class Restart extends RuntimeException {
        Restart() {
            super(null, null, false, false);
        }
    }

    /** False once {@link #stop()} was called. */
    final boolean running() {
        return running;
    }

    synchronized void start() {
        thread = new Thread(this, threadName());
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the work and waits a while for the thread to end. */
    void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(stopWait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public final void run() {
        while (running) {
            try {
                if (attempt()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Restart restart) {
                // Begins again at once.
            } catch (RuntimeException | Error e) {
                if (!running) {
                    return;
                }
                log.error("{} in {} s", failure(), restartAfter.toSeconds(), e);
                try {
                    Thread.sleep(restartAfter.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
