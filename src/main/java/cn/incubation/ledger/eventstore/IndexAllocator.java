package cn.incubation.ledger.eventstore;

import cn.incubation.ledger.eventstore.MongoEventStorageEngine.IndexAllocation;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import static cn.incubation.ledger.eventstore.EventSchema.COUNTER_ID;
import static cn.incubation.ledger.eventstore.EventSchema.COUNTER_VALUE;
import static cn.incubation.ledger.eventstore.EventSchema.ID;

/**
 * Hands out ranges of global indexes to appends, in the way {@link IndexAllocation} says, and knows the highest index
 * reserved so far.
 */
final class IndexAllocator {

    private static final int PROBE_WINDOW = 1000;
    /**
     * With a single writer, the counter document is brought up to date once per this many reserved indexes. It only
     * shortens the probe for the head at the next start (a lag of this much costs that start ten {@code $in} look-ups
     * of {@value #PROBE_WINDOW} ids); at 1,000 it was a round trip, and on the embedded H2 server a commit, for every
     * ten appends of 100 events, with the reservation lock held.
     */
    private static final int PUBLISH_EVERY = 10_000;

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> counters;
    private final IndexAllocation allocation;
    private final WriterLease writerLease;
    private final ReentrantLock reservationLock = new ReentrantLock();
    /** The highest index in use when this allocator opened the store. */
    private final long headAtOpen;
    /** With {@link IndexAllocation#SINGLE_WRITER}: the highest index reserved; guarded by the reservation lock. */
    private long localHead;
    private long localHeadPublished;

    /** Finds the highest index in use, and raises the counter to it where a single writer left the counter behind. */
    IndexAllocator(MongoCollection<Document> events, MongoCollection<Document> counters, IndexAllocation allocation,
                   WriterLease writerLease) {
        this.events = events;
        this.counters = counters;
        this.allocation = allocation;
        this.writerLease = writerLease;
        long counter = storedCounter();
        long head = probeHead(counter);
        if (head > counter) {
            raiseCounterTo(head);
        }
        this.headAtOpen = head;
        this.localHead = head;
        this.localHeadPublished = Math.max(counter, head);
    }

    long headAtOpen() {
        return headAtOpen;
    }

    /**
     * Reserves {@code count} consecutive global indexes and returns the last of them. Reservations of this process
     * are made one at a time: the embedded server was seen answering concurrent {@code $inc}s with the same value.
     * Across processes a unique {@code _id} still decides.
     */
    long reserve(int count) {
        reservationLock.lock();
        try {
            if (allocation == IndexAllocation.SHARED_COUNTER) {
                return reserveFromSharedCounter(count);
            }
            if (writerLease != null) {
                writerLease.requireHeld();
            }
            localHead += count;
            if (localHead - localHeadPublished >= PUBLISH_EVERY) {
                raiseCounterTo(localHead);
                localHeadPublished = localHead;
            }
            return localHead;
        } finally {
            reservationLock.unlock();
        }
    }

    /** After an index collision: someone else writes too. Catch up with what is stored before trying again. */
    void catchUpWithStore() {
        if (allocation == IndexAllocation.SINGLE_WRITER) {
            reservationLock.lock();
            try {
                localHead = Math.max(localHead, probeHead(Math.max(localHead, storedCounter())));
            } finally {
                reservationLock.unlock();
            }
        }
    }

    /** The highest global index reserved so far. */
    long head() {
        if (allocation == IndexAllocation.SINGLE_WRITER) {
            reservationLock.lock();
            try {
                return localHead;
            } finally {
                reservationLock.unlock();
            }
        }
        return storedCounter();
    }

    private long reserveFromSharedCounter(int count) {
        Document counter = counters.findOneAndUpdate(
                Filters.eq(ID, COUNTER_ID), Updates.inc(COUNTER_VALUE, (long) count),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return ((Number) counter.get(COUNTER_VALUE)).longValue();
    }

    /**
     * The highest global index in use, found from the counter by probing forward with key lookups (a sort would be a
     * full scan on the embedded server). Indexes are dense but for ranges a crashed writer reserved, so a window of
     * {@value #PROBE_WINDOW} with nothing in it marks the end.
     */
    private long probeHead(long from) {
        long head = from;
        while (true) {
            List<Long> ids = new ArrayList<>(PROBE_WINDOW);
            for (long id = head + 1; id <= head + PROBE_WINDOW; id++) {
                ids.add(id);
            }
            long highest = head;
            for (Document document : events.find(Filters.in(ID, ids)).projection(new Document(ID, 1))) {
                highest = Math.max(highest, document.getLong(ID));
            }
            if (highest == head) {
                return head;
            }
            head = highest;
        }
    }

    private long storedCounter() {
        Document counter = counters.find(Filters.eq(ID, COUNTER_ID)).first();
        return counter == null ? 0 : ((Number) counter.get(COUNTER_VALUE)).longValue();
    }

    private void raiseCounterTo(long value) {
        counters.updateOne(Filters.eq(ID, COUNTER_ID), Updates.max(COUNTER_VALUE, value),
                           new UpdateOptions().upsert(true));
    }
}
