package cn.incubation.ledger.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.eventhandling.GenericEventMessage;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.incubation.ledger.eventstore.EventSchema.C_APPEND;
import static cn.incubation.ledger.eventstore.EventSchema.EVENT_IDENTIFIER;
import static cn.incubation.ledger.eventstore.EventSchema.ID;
import static cn.incubation.ledger.eventstore.EventSchema.KEY;
import static cn.incubation.ledger.eventstore.EventSchema.STATE_FIELDS;
import static cn.incubation.ledger.eventstore.EventSchema.appendOf;
import static cn.incubation.ledger.eventstore.EventSchema.firstOf;
import static cn.incubation.ledger.eventstore.EventSchema.isTombstone;
import static cn.incubation.ledger.eventstore.EventSchema.lastOf;
import static cn.incubation.ledger.eventstore.EventSchema.timestampOf;
import static cn.incubation.ledger.eventstore.EventSchema.tombstone;

/**
 * Decides appends. An append is <em>committed</em> once the document at its last index exists and belongs to it; a
 * tombstone there aborts it. Aborting replaces what the append wrote with tombstones, which frees its aggregate
 * sequences; because {@code _id} is unique, a tombstone and a late write can never both land.
 */
final class AppendSettler {

    static final int DUPLICATE_KEY = 11000;
    private static final Logger log = LoggerFactory.getLogger(AppendSettler.class);

    enum AppendState {COMMITTED, ABORTED, PENDING}

    /** One append: its own id and the range of global indexes it was given. */
    record Append(Long id, long first, long last) {

        static Append of(Document document) {
            return new Append(appendOf(document), firstOf(document), lastOf(document));
        }
    }

    private final MongoCollection<Document> events;
    private final Duration gapTimeout;

    AppendSettler(MongoCollection<Document> events, Duration gapTimeout) {
        this.events = events;
        this.gapTimeout = gapTimeout;
    }

    AppendState stateOf(Append append) {
        Document commit = events.find(Filters.eq(ID, append.last())).projection(STATE_FIELDS).first();
        return stateFromCommitDocument(append.id(), commit);
    }

    /** The state of {@code append}, from the document at its last index (none: not there yet). */
    static AppendState stateFromCommitDocument(Long append, Document commit) {
        if (commit == null) {
            return AppendState.PENDING;
        }
        boolean ours = append.equals(appendOf(commit)) && !isTombstone(commit);
        return ours ? AppendState.COMMITTED : AppendState.ABORTED;
    }

    /**
     * Decides, for each append that the given documents belong to, whether it committed. Commit documents among the
     * given ones are used as they are; the rest are looked up in one query.
     */
    Map<Long, AppendState> states(Collection<Document> documents) {
        Map<Long, Document> byIndex = new HashMap<>();
        Map<Long, Long> lastByAppend = new HashMap<>();
        for (Document document : documents) {
            byIndex.put(document.getLong(ID), document);
            if (!isTombstone(document)) {
                lastByAppend.put(appendOf(document), lastOf(document));
            }
        }
        List<Long> lookups = lastByAppend.values().stream().filter(last -> !byIndex.containsKey(last)).toList();
        if (!lookups.isEmpty()) {
            events.find(Filters.in(ID, lookups)).projection(STATE_FIELDS)
                  .forEach(commit -> byIndex.put(commit.getLong(ID), commit));
        }
        Map<Long, AppendState> states = new HashMap<>();
        lastByAppend.forEach((append, last) -> states.put(append, stateFromCommitDocument(append, byIndex.get(last))));
        return states;
    }

    /**
     * Decides the append {@code [first..last]} for good. A tombstone at its last index aborts it unless it committed
     * first; then whatever it wrote is replaced with tombstones, which frees its aggregate sequences and tells readers
     * the indexes are settled.
     */
    AppendState abort(Append append) {
        try {
            events.insertOne(tombstone(append.last()));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            if (stateOf(append) == AppendState.COMMITTED) {
                return AppendState.COMMITTED;
            }
        }
        if (append.last() > append.first()) {
            List<ReplaceOneModel<Document>> replacements = new ArrayList<>();
            for (long index = append.first(); index < append.last(); index++) {
                replacements.add(new ReplaceOneModel<>(Filters.and(Filters.eq(ID, index),
                                                                   Filters.eq(C_APPEND, append.id())),
                                                       tombstone(index), new ReplaceOptions().upsert(true)));
            }
            try {
                events.bulkWrite(replacements, new BulkWriteOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                // Indexes that another append holds stay as they are; those are settled by their own append.
                boolean onlyDuplicates = e.getWriteErrors().stream().allMatch(w -> w.getCode() == DUPLICATE_KEY);
                if (!onlyDuplicates) {
                    throw e;
                }
            }
        }
        return AppendState.ABORTED;
    }

    /** Inserts tombstones at the given indexes and returns those that were free. */
    List<Long> tombstoneAll(List<Long> indexes) {
        List<Document> tombstones = new ArrayList<>(indexes.size());
        for (long index : indexes) {
            tombstones.add(tombstone(index));
        }
        List<Long> settled = new ArrayList<>(indexes);
        try {
            events.insertMany(tombstones, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
                settled.remove(indexes.get(error.getIndex()));
            }
        }
        if (!settled.isEmpty()) {
            log.info("Gave up {} global indexes that were reserved but never written, from {}", settled.size(),
                     settled.get(0));
        }
        return settled;
    }

    boolean indexTakenByAnother(long index, Append append) {
        Document holder = events.find(Filters.eq(ID, index)).projection(new Document(C_APPEND, 1)).first();
        return holder != null && !append.id().equals(appendOf(holder));
    }

    /**
     * The document that blocked an append holds the same aggregate sequence or event identifier. If it belongs to an
     * append that never committed and is older than the gap timeout, its writer is gone: settle that append and let
     * the caller try again.
     */
    boolean clearAbandonedHolderOf(AppendedEvent failed) {
        // Two key lookups rather than one $or, which the embedded server would answer with a full scan.
        Document holder = events.find(Filters.eq(KEY, failed.key)).first();
        Long ours = failed.append;
        if (holder == null || ours.equals(appendOf(holder))) {
            holder = events.find(Filters.eq(EVENT_IDENTIFIER, failed.eventIdentifier)).first();
        }
        if (holder == null) {
            return true;
        }
        if (isTombstone(holder)) {
            return false;
        }
        Append other = Append.of(holder);
        if (ours.equals(other.id())) {
            return false;
        }
        AppendState holderState = stateOf(other);
        if (holderState == AppendState.ABORTED) {
            // Decided already, but what it wrote was not yet replaced: finish that and try again.
            return abort(other) == AppendState.ABORTED;
        }
        if (holderState != AppendState.PENDING) {
            return false;
        }
        Instant written = timestampOf(holder);
        if (written.isAfter(GenericEventMessage.clock.instant().minus(gapTimeout))) {
            return false;
        }
        log.warn("Settling abandoned append [{}..{}] that holds {}", other.first(), other.last(), failed.key);
        return abort(other) == AppendState.ABORTED;
    }
}
