package cn.incubation.ledger.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the two ways of allocating global indexes from meeting on one store. A node that allocates from memory
 * ({@link MongoEventStorageEngine.IndexAllocation#SINGLE_WRITER}) holds a lease in the counters collection, renewed
 * while it runs and given up when it stops; nodes that allocate from the shared counter mark that they write. Each
 * kind writes its own mark before it looks for the other's, so of two nodes starting at once at least one sees the
 * other, and it refuses to start with a message that says what to configure: two writers that disagree on the next
 * index would otherwise fail each other's appends.
 */
public final class WriterLease implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WriterLease.class);
    static final String SINGLE_WRITER_ID = "single-writer";
    static final String SHARED_WRITERS_ID = "shared-writers";
    private static final String OWNER = "owner";
    private static final String UNTIL = "until";

    private final MongoCollection<Document> counters;
    private final MongoEventStorageEngine.IndexAllocation allocation;
    private final String node;
    private final Duration ttl;
    private final Clock clock;
    private final ScheduledExecutorService renewer;
    /** {@link System#nanoTime()} until which this node's single-writer lease is known to be its own. */
    private volatile long validUntilNanos;
    private volatile boolean closed;

    private WriterLease(MongoCollection<Document> counters, MongoEventStorageEngine.IndexAllocation allocation,
                        String node, Duration ttl, Clock clock) {
        this.counters = counters;
        this.allocation = allocation;
        this.node = node;
        this.ttl = ttl;
        this.clock = clock;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "writer-lease");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Takes the lease (or the shared writers' mark) for {@code node} and keeps it renewed every third of {@code ttl};
     * refuses, with what to configure, when a node allocating the other way holds its own.
     *
     * @param hostsServer the database lives in this process (the embedded server): a single-writer lease left by an
     *                    earlier process is taken over at once, as no earlier holder outlives the server it wrote to
     * @throws IllegalStateException when another node writes the other way
     */
    public static WriterLease acquire(MongoCollection<Document> counters,
                                      MongoEventStorageEngine.IndexAllocation allocation, String node, Duration ttl,
                                      Clock clock, boolean hostsServer) {
        WriterLease lease = new WriterLease(counters, allocation, node, ttl, clock);
        lease.take(hostsServer);
        long period = Math.max(1, ttl.toMillis() / 3);
        lease.renewer.scheduleWithFixedDelay(lease::renewQuietly, period, period, TimeUnit.MILLISECONDS);
        return lease;
    }

    public String node() {
        return node;
    }

    private void take(boolean takeOver) {
        if (allocation == MongoEventStorageEngine.IndexAllocation.SINGLE_WRITER) {
            if (!renewSingleWriter(takeOver)) {
                Document holder = counters.find(Filters.eq("_id", SINGLE_WRITER_ID)).first();
                throw new IllegalStateException(String.format(
                        "Node %s allocates this store's global indexes from memory "
                                + "(ledger.event-store.index-allocation=single-writer, the embedded server's default) "
                                + "until %s; a second writer cannot start beside it. To run several nodes on one "
                                + "MongoDB, start every node, this one included, with "
                                + "--ledger.event-store.index-allocation=shared-counter.",
                        holder == null ? "?" : holder.getString(OWNER), holder == null ? "?" : untilOf(holder)));
            }
            Document shared = counters.find(Filters.eq("_id", SHARED_WRITERS_ID)).first();
            if (shared != null && untilOf(shared).isAfter(clock.instant())) {
                close();
                throw new IllegalStateException(String.format(
                        "Nodes that allocate global indexes from the shared counter write to this store (last seen "
                                + "%s, node %s); this node was set to allocate from memory (single-writer). Start it "
                                + "with --ledger.event-store.index-allocation=shared-counter, as the others.",
                        untilOf(shared).minus(ttl), shared.getString(OWNER)));
            }
            log.info("Node {} holds the single-writer lease on the event store's global indexes", node);
        } else {
            markShared();
            Document holder = counters.find(Filters.eq("_id", SINGLE_WRITER_ID)).first();
            if (holder != null && !node.equals(holder.getString(OWNER)) && untilOf(holder).isAfter(clock.instant())) {
                close();
                throw new IllegalStateException(String.format(
                        "Node %s allocates this store's global indexes from memory (single-writer, the embedded "
                                + "server's default) and holds its lease until %s. Restart that node with "
                                + "--ledger.event-store.index-allocation=shared-counter, then start this one.",
                        holder.getString(OWNER), untilOf(holder)));
            }
        }
    }

    /**
     * Called before a single writer reserves indexes from memory: refuses when the lease could not be renewed in
     * time (the node was paused, or lost the database), since another node may have taken it since.
     */
    void requireHeld() {
        if (allocation != MongoEventStorageEngine.IndexAllocation.SINGLE_WRITER) {
            return;
        }
        if (System.nanoTime() - validUntilNanos < 0) {
            return;
        }
        if (closed || !renewSingleWriter(false)) {
            throw new EventStoreException("This node no longer holds the single-writer lease on the global indexes; "
                                                  + "nothing was stored");
        }
    }

    private boolean renewSingleWriter(boolean takeOver) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        try {
            Document updated = counters.findOneAndUpdate(
                    takeOver ? Filters.eq("_id", SINGLE_WRITER_ID)
                            : Filters.and(Filters.eq("_id", SINGLE_WRITER_ID),
                                          Filters.or(Filters.eq(OWNER, node),
                                                     Filters.lt(UNTIL, now.toEpochMilli()))),
                    Updates.combine(Updates.set(OWNER, node), Updates.set(UNTIL, now.plus(ttl).toEpochMilli())),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
            if (updated == null || !node.equals(updated.getString(OWNER))) {
                return false;
            }
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        } catch (com.mongodb.MongoCommandException e) {
            if (e.getErrorCode() == 11000) {
                return false;
            }
            throw e;
        }
        // Two thirds of the lease from when the renewal was sent: a margin for clocks and for the round trip.
        validUntilNanos = started + ttl.toNanos() * 2 / 3;
        return true;
    }

    private void markShared() {
        counters.updateOne(Filters.eq("_id", SHARED_WRITERS_ID),
                           Updates.combine(Updates.max(UNTIL, clock.instant().plus(ttl).toEpochMilli()),
                                           Updates.set(OWNER, node)),
                           new UpdateOptions().upsert(true));
    }

    private void renewQuietly() {
        try {
            if (allocation == MongoEventStorageEngine.IndexAllocation.SINGLE_WRITER) {
                if (!renewSingleWriter(false)) {
                    log.error("Node {} lost the single-writer lease on the global indexes; its appends are refused",
                              node);
                }
            } else {
                markShared();
            }
        } catch (RuntimeException e) {
            log.warn("Could not renew the writer lease of node {}: {}", node, e.toString());
        }
    }

    private static Instant untilOf(Document lease) {
        Object until = lease.get(UNTIL);
        return until instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : Instant.EPOCH;
    }

    /** Stops renewing and gives the single-writer lease up, so that a successor need not wait for it to expire. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        renewer.shutdownNow();
        if (allocation == MongoEventStorageEngine.IndexAllocation.SINGLE_WRITER) {
            try {
                counters.deleteOne(Filters.and(Filters.eq("_id", SINGLE_WRITER_ID), Filters.eq(OWNER, node)));
            } catch (RuntimeException e) {
                log.warn("Could not give up the single-writer lease of node {}: {}", node, e.toString());
            }
        }
    }
}
