package cn.incubation.ledger.verification;

import cn.incubation.ledger.eventstore.EventHash;
import cn.incubation.ledger.eventstore.EventScan;
import cn.incubation.ledger.eventstore.StoredEntry;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * One walk over the ledger in global-index order, a window of key lookups at a time: it recomputes every event's
 * hash, follows each aggregate's chain, keeps the running digest of the stream, compares it with checkpoints as it
 * passes their positions, and names each problem by its place.
 * <p>
 * How each kind of tampering shows: an edited document no longer has its own hash (the fingerprints of its payload
 * and metadata say which changed); a document moved to another global index has the hash of that other index
 * ({@code reordered}); a document the ledger never wrote has neither its own hash nor a link to its aggregate's
 * previous event ({@code inserted}); a deleted event leaves a hole in its aggregate's chain, paired with the empty or
 * tombstoned index between its neighbours ({@code deleted}); a replaced event whose hash was recomputed no longer is
 * what its successor was chained to ({@code chain-broken}); a cut-off tail ends below a checkpoint
 * ({@code truncated}). Anything else changed below a checkpoint changes the digest there.
 * <p>
 * Memory: the last sequence number and hash of each aggregate, the indexes that hold no event (tombstones are few),
 * and the documents that failed their own hash.
 */
public final class LedgerWalk {

    /** Global indexes per lookup. */
    public static final int WINDOW = 1000;
    /** Problems listed in an answer; the count says how many there are in all. */
    public static final int MAX_LISTED = 1000;
    /** Problems kept in memory for sorting; a store edited all over is counted, not listed whole. */
    private static final int MAX_KEPT = 10 * MAX_LISTED;
    /** An empty run this long past the last document ends the walk even below the counter (a counter set too high). */
    private static final long MAX_EMPTY_RUN = 100_000;
    /** Documents failing their own hash are tried at each other's indexes up to this many (pairs: its square). */
    private static final int MAX_REORDER_PAIRING = 2000;
    private static final int MAX_HOLE_LISTED = 1000;

    /** A position the digest must match: a stored checkpoint, or one an admin kept elsewhere. */
    record Check(long position, byte[] digest, Long count, Checkpoint stored) {
    }

    private record Link(long sequence, byte[] hash, long globalIndex, boolean unhashed) {
    }

    private enum CandidateKind { MISSING, TOMBSTONE, UNCOMMITTED }

    /** An index that holds no event, where a deleted one may have been. */
    private record Candidate(CandidateKind kind, String key) {
    }

    /** A document that is not what its hash says; classified when the walk is over. */
    private record Suspect(StoredEntry entry, long fingerprints, boolean linkBroken) {
    }

    /** Sequences of an aggregate missing between two global indexes; settled when the walk is over. */
    private record Hole(String aggregate, long from, long to, long below, long above) {
    }

    /** The last event the walk had reached while everything below it was decided: where a checkpoint may go. */
    record Settled(long position, byte[] digest, long count, String aggregate, Long sequence) {
    }

    private final EventScan scan;
    private final List<Check> checks;
    private final long counter;
    private final EventHash hasher = new EventHash();
    /** Events from here on were written with a hash: the store's note, else the first hashed event met. */
    private long hashedFrom;

    private long next = 1;
    private long lastDocument;
    private boolean done;
    private int checkIndex;
    private final Map<String, Link> chains = new HashMap<>();
    private final NavigableMap<Long, Candidate> candidates = new TreeMap<>();
    private final Map<String, Long> uncommittedByKey = new HashMap<>();
    private final List<Suspect> suspects = new ArrayList<>();
    private final Map<String, Suspect> suspectsByKey = new HashMap<>();
    /** Keys of documents that are there but unreadable: a hole at them is their own problem. */
    private final Set<String> malformedKeys = new HashSet<>();
    private final List<Hole> holes = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private byte[] digest = EventHash.zero();
    private long count;
    private long head;
    private String headAggregate;
    private Long headSequence;
    private Settled settled;
    private long checked;
    private long unhashed;
    private long tombstones;
    private long pending;
    private int checkpointsCompared;
    private long problemCount;

    /**
     * @param checks   positions whose digest must match, in any order
     * @param upfront  problems already known (of the checkpoints themselves)
     */
    LedgerWalk(EventScan scan, List<Check> checks, List<Problem> upfront) {
        this.scan = scan;
        this.checks = checks.stream().sorted(Comparator.comparingLong(Check::position)).toList();
        this.counter = scan.counter();
        this.hashedFrom = scan.hashedFrom().orElse(Long.MAX_VALUE);
        upfront.forEach(problem -> problem(problem.globalIndex(), problem.aggregate(), problem.sequence(),
                                           problem.problem(), problem.detail()));
    }

    /** A walk that checks the stream and no checkpoint: for measuring. */
    public static LedgerWalk unchecked(EventScan scan) {
        return new LedgerWalk(scan, List.of(), List.of());
    }

    /** Walks up to {@code windows} more windows; answers false once the walk has reached the end. */
    public boolean advance(int windows) {
        for (int i = 0; i < windows && !done; i++) {
            long to = next + WINDOW - 1;
            List<StoredEntry> entries = scan.read(next, to);
            if (entries.isEmpty() && (next > counter || next > lastDocument + MAX_EMPTY_RUN)) {
                done = true;
                break;
            }
            for (StoredEntry entry : entries) {
                visit(entry);
            }
            next = to + 1;
        }
        return !done;
    }

    /** The global index reached, and the end as the store's counter (or the last document found) puts it. */
    public long position() {
        return next - 1;
    }

    public long estimatedEnd() {
        return Math.max(counter, lastDocument);
    }

    /** Finishes the walk (walking what is left) and answers what it found. */
    public Verification finish() {
        while (advance(Integer.MAX_VALUE)) {
            // walked to the end
        }
        compareChecksUpTo(lastDocument);
        truncation();
        holes.forEach(this::hole);
        unexplainedMissingIndexes();
        classifySuspects();
        problems.sort(Problem.BY_PLACE);
        List<Problem> listed = List.copyOf(problems.subList(0, Math.min(MAX_LISTED, problems.size())));
        return new Verification(problemCount == 0, checked, head, HexFormat.of().formatHex(digest), listed,
                                problemCount, unhashed, tombstones, pending, checkpointsCompared);
    }

    /** Where a checkpoint taken now may stand: the last event below anything undecided. */
    Settled settled() {
        return settled != null ? settled : new Settled(head, digest, count, headAggregate, headSequence);
    }

    // ------------------------------------------------------------------ one document

    private void visit(StoredEntry entry) {
        long index = entry.globalIndex();
        if (index > lastDocument + 1) {
            for (long missing = lastDocument + 1; missing < index; missing++) {
                candidates.put(missing, new Candidate(CandidateKind.MISSING, null));
            }
            // Something may still land there; a checkpoint must not cover it.
            freezeSettled();
        }
        lastDocument = index;
        compareChecksUpTo(index - 1);
        switch (entry.kind()) {
            case TOMBSTONE -> {
                tombstones++;
                candidates.put(index, new Candidate(CandidateKind.TOMBSTONE, null));
            }
            case MALFORMED -> {
                boolean placed = entry.aggregateIdentifier() != null && entry.sequenceNumber() >= 0;
                if (placed) {
                    malformedKeys.add(key(entry.aggregateIdentifier(), entry.sequenceNumber()));
                }
                problem(index, entry.aggregateIdentifier(), placed ? entry.sequenceNumber() : null, "malformed",
                        "the document is not one the ledger writes: " + entry.problem());
            }
            case EVENT -> {
                if (entry.hashed()) {
                    hashedEvent(entry);
                } else {
                    unhashedEvent(entry);
                }
            }
        }
        compareChecksUpTo(index);
    }

    private void unhashedEvent(StoredEntry entry) {
        if (entry.outcome() != StoredEntry.Outcome.COMMITTED) {
            notAnEvent(entry);
            return;
        }
        long index = entry.globalIndex();
        boolean stripped = index >= hashedFrom;
        if (stripped) {
            problem(index, entry.aggregateIdentifier(), entry.sequenceNumber(), "unhashed",
                    "the event has no hash, though every event from global index " + hashedFrom
                            + " on was written with one: its hash was removed");
        } else {
            unhashed++;
        }
        Link link = chains.get(entry.aggregateIdentifier());
        if (link == null || link.sequence() < entry.sequenceNumber()) {
            chains.put(entry.aggregateIdentifier(), new Link(entry.sequenceNumber(), null, index, true));
        }
    }

    /** A document of an append that did not commit: not part of the stream, but a place a deleted event may have been. */
    private void notAnEvent(StoredEntry entry) {
        String key = key(entry.aggregateIdentifier(), entry.sequenceNumber());
        candidates.put(entry.globalIndex(), new Candidate(CandidateKind.UNCOMMITTED, key));
        uncommittedByKey.put(key, entry.globalIndex());
        if (entry.outcome() == StoredEntry.Outcome.PENDING) {
            pending++;
            freezeSettled();
        }
    }

    private void hashedEvent(StoredEntry entry) {
        long index = entry.globalIndex();
        if (hashedFrom == Long.MAX_VALUE) {
            hashedFrom = index;
        }
        boolean intact = MessageDigest.isEqual(entry.recompute(hasher, index), entry.hash());
        long fingerprints = hasher.fingerprints();
        if (intact && entry.outcome() != StoredEntry.Outcome.COMMITTED) {
            notAnEvent(entry);
            return;
        }
        // A document that fails its own hash claims to be an event whatever its append says: it is checked as one.
        checked++;
        String aggregate = entry.aggregateIdentifier();
        long sequence = entry.sequenceNumber();
        if (intact) {
            link(entry);
            // Only intact events move a chain on: a moved or forged document must not stand in for the real one.
            chains.put(aggregate, new Link(sequence, entry.hash(), index, false));
        } else {
            Suspect suspect = new Suspect(entry, fingerprints, !linksAsWritten(entry));
            suspects.add(suspect);
            suspectsByKey.putIfAbsent(key(aggregate, sequence), suspect);
        }
        digest = hasher.extend(digest, entry.hash());
        count++;
        head = index;
        headAggregate = aggregate;
        headSequence = sequence;
    }

    /**
     * Checks an intact event's link to its aggregate's previous event and reports what is wrong: a hole before it
     * (settled after the walk), a previous event that is not the one it was chained to, or an order that goes back.
     */
    private void link(StoredEntry entry) {
        String aggregate = entry.aggregateIdentifier();
        long sequence = entry.sequenceNumber();
        Link link = chains.get(aggregate);
        long known = link == null ? -1 : link.sequence();
        if (known >= sequence) {
            problem(entry.globalIndex(), aggregate, sequence, "reordered", "event " + sequence + " of " + aggregate
                    + " comes after event " + known + " (global index " + link.globalIndex() + ")");
        } else if (known == sequence - 1) {
            if (!linkedTo(entry, link)) {
                chainBroken(entry, link);
            }
        } else {
            // Settled after the walk: a document failing its own hash may yet turn out to be the missing event.
            holes.add(new Hole(aggregate, known + 1, sequence - 1, link == null ? 0 : link.globalIndex(),
                               entry.globalIndex()));
        }
    }

    /**
     * Whether a document failing its own hash is chained to the event before it: the intact one, or one that also
     * fails its own hash (moved or edited, it still holds the hash it was written with).
     */
    private boolean linksAsWritten(StoredEntry entry) {
        Link link = chains.get(entry.aggregateIdentifier());
        long sequence = entry.sequenceNumber();
        if (link == null && sequence == 0 || link != null && link.sequence() == sequence - 1) {
            return linkedTo(entry, link);
        }
        Suspect previous = suspectsByKey.get(key(entry.aggregateIdentifier(), sequence - 1));
        return previous != null && MessageDigest.isEqual(entry.previousHash(), previous.entry().hash());
    }

    /** Whether the event is chained to this previous event (none: the zero hash). */
    private boolean linkedTo(StoredEntry entry, Link link) {
        if (link == null) {
            return EventHash.isZero(entry.previousHash());
        }
        if (link.unhashed()) {
            // Before hashing, the first hashed event of an aggregate starts its chain at zero; a stripped one says
            // nothing, and is a problem of its own.
            return link.globalIndex() >= hashedFrom || EventHash.isZero(entry.previousHash());
        }
        return MessageDigest.isEqual(entry.previousHash(), link.hash());
    }

    private void chainBroken(StoredEntry entry, Link link) {
        String aggregate = entry.aggregateIdentifier();
        long sequence = entry.sequenceNumber();
        if (link == null || link.unhashed()) {
            problem(entry.globalIndex(), aggregate, sequence, "chain-broken", "the event is chained to "
                    + "a previous hash its aggregate does not have (" + (link == null ? "it is the first event"
                    : "its previous event has no hash") + "): it was rewritten with a hash recomputed");
        } else {
            problem(link.globalIndex(), aggregate, link.sequence(), "chain-broken", "event " + link.sequence()
                    + " is not the event that event " + sequence + " (global index " + entry.globalIndex()
                    + ") was chained to: it was replaced, with a hash recomputed to fit");
        }
    }

    /**
     * Sequences {@code from … to} of an aggregate are missing between two global indexes: each is paired with a place
     * it may have stood at, a document of its own that never committed first, then an empty or tombstoned index.
     */
    private void hole(Hole hole) {
        String aggregate = hole.aggregate();
        long from = hole.from();
        long to = hole.to();
        long below = hole.below();
        long above = hole.above();
        if (to - from + 1 > MAX_HOLE_LISTED) {
            problem(null, aggregate, from, "sequence-missing", "events " + from + " to " + to + " of " + aggregate
                    + " are missing between global index " + below + " and " + above);
            return;
        }
        for (long sequence = from; sequence <= to; sequence++) {
            String key = key(aggregate, sequence);
            if (suspectsByKey.containsKey(key) || malformedKeys.contains(key)) {
                // There, but not intact: its own problem says what happened to it.
                continue;
            }
            Long own = uncommittedByKey.remove(key);
            if (own != null) {
                candidates.remove(own);
                problem(own, aggregate, sequence, "uncommitted", "the event is stored, but the document that would "
                        + "commit its append is gone, so readers skip it");
                continue;
            }
            Map.Entry<Long, Candidate> place = null;
            for (Map.Entry<Long, Candidate> candidate : candidates.subMap(below, false, above, false).entrySet()) {
                if (candidate.getValue().kind() != CandidateKind.UNCOMMITTED) {
                    place = candidate;
                    break;
                }
            }
            if (place == null) {
                problem(null, aggregate, sequence, "sequence-missing", "event " + sequence + " of " + aggregate
                        + " is missing: no index between global index " + below + " and " + above + " can have held it");
                continue;
            }
            candidates.remove(place.getKey());
            problem(place.getKey(), aggregate, sequence, "deleted", "event " + sequence + " of " + aggregate
                    + " is gone from the chain" + (place.getValue().kind() == CandidateKind.TOMBSTONE
                    ? "; a tombstone stands at its place" : " and its global index holds nothing"));
        }
    }

    // ------------------------------------------------------------------ checkpoints

    private void compareChecksUpTo(long index) {
        while (checkIndex < checks.size() && checks.get(checkIndex).position() <= index) {
            Check check = checks.get(checkIndex++);
            checkpointsCompared++;
            boolean sameCount = check.count() == null || check.count() == count;
            if (!MessageDigest.isEqual(check.digest(), digest) || !sameCount) {
                Checkpoint stored = check.stored();
                String digestHex = HexFormat.of().formatHex(digest);
                String detail = stored != null
                        ? "the events up to global index " + check.position() + " give digest " + digestHex + " over "
                          + count + " events; the checkpoint made at " + stored.createdAt() + " by "
                          + stored.createdBy() + " says " + stored.digest() + " over " + stored.count()
                          + ": an event at or below it was changed, added or removed"
                        : "the events up to global index " + check.position() + " give digest " + digestHex
                          + ", not the digest given (" + HexFormat.of().formatHex(check.digest()) + ")";
                problem(check.position(), stored == null ? null : stored.aggregate(),
                        stored == null ? null : stored.sequence(), "checkpoint-mismatch", detail);
            }
        }
    }

    /** Checkpoints beyond the last document: the events they covered are gone. */
    private void truncation() {
        List<Check> beyond = checks.subList(checkIndex, checks.size());
        if (beyond.isEmpty()) {
            return;
        }
        Check highest = beyond.get(beyond.size() - 1);
        Checkpoint stored = highest.stored();
        String made = stored == null ? "the checkpoint given" : "the checkpoint made at " + stored.createdAt() + " by "
                + stored.createdBy() + (stored.aggregate() == null ? "" : ", whose last event was " + stored.aggregate()
                + " #" + stored.sequence());
        problem(highest.position(), stored == null ? null : stored.aggregate(),
                stored == null ? null : stored.sequence(), "truncated", "the ledger ends at global index "
                        + lastDocument + ", below " + made + " at " + highest.position()
                        + ": the events after " + lastDocument + " are gone"
                        + (beyond.size() > 1 ? " (" + (beyond.size() - 1) + " more checkpoints lie beyond the end)"
                        : ""));
    }

    // ------------------------------------------------------------------ after the walk

    /**
     * Indexes that held nothing and were not explained by a hole: asked once more, since an append may have landed
     * there while the walk went on; what is still empty is reported as runs.
     */
    private void unexplainedMissingIndexes() {
        List<Long> missing = new ArrayList<>();
        for (Map.Entry<Long, Candidate> candidate : candidates.entrySet()) {
            if (candidate.getValue().kind() == CandidateKind.MISSING) {
                missing.add(candidate.getKey());
            }
        }
        List<Long> stillMissing = new ArrayList<>();
        for (int from = 0; from < missing.size(); from += WINDOW) {
            List<Long> part = missing.subList(from, Math.min(missing.size(), from + WINDOW));
            Set<Long> present = scan.present(part);
            part.stream().filter(index -> !present.contains(index)).forEach(stillMissing::add);
        }
        Iterator<Long> indexes = stillMissing.iterator();
        if (!indexes.hasNext()) {
            return;
        }
        long start = indexes.next();
        long end = start;
        while (true) {
            Long following = indexes.hasNext() ? indexes.next() : null;
            if (following != null && following == end + 1) {
                end = following;
                continue;
            }
            problem(start, null, null, "index-missing", (start == end ? "global index " + start + " holds"
                    : "global indexes " + start + " to " + end + " hold") + " no document, below later events: "
                    + "deleted, or reserved and never written (readers put a tombstone there after the gap timeout)");
            if (following == null) {
                return;
            }
            start = following;
            end = following;
        }
    }

    private void classifySuspects() {
        Map<Suspect, Long> movedFrom = new HashMap<>();
        if (suspects.size() <= MAX_REORDER_PAIRING) {
            for (Suspect suspect : suspects) {
                for (Suspect other : suspects) {
                    long there = other.entry().globalIndex();
                    if (other != suspect
                            && MessageDigest.isEqual(suspect.entry().recompute(hasher, there), suspect.entry().hash())) {
                        movedFrom.put(suspect, there);
                        break;
                    }
                }
            }
        }
        for (Suspect suspect : suspects) {
            StoredEntry entry = suspect.entry();
            // The fingerprints of the payload and metadata as they are now, against those stored at the append.
            boolean payload = (suspect.fingerprints() >>> 32) != (entry.fingerprints() >>> 32);
            boolean metaData = (int) suspect.fingerprints() != (int) entry.fingerprints();
            String code;
            String detail;
            Long from = movedFrom.get(suspect);
            if (from != null) {
                code = "reordered";
                detail = "holds event " + entry.sequenceNumber() + " of " + entry.aggregateIdentifier()
                        + ", which the ledger wrote at global index " + from;
            } else if (suspect.linkBroken()) {
                code = "inserted";
                detail = "its hash is not its own and it is not chained to its aggregate's previous event: a document "
                        + "the ledger did not write";
            } else if (payload) {
                code = "payload-edited";
                detail = "the payload is not the one the event was written with" + (metaData ? "; nor is the metadata"
                        : "");
            } else if (metaData) {
                code = "metadata-edited";
                detail = "the metadata is not the metadata the event was written with";
            } else {
                code = "hash-mismatch";
                detail = "the stored hash is not the hash of the document: a field other than the payload and "
                        + "metadata was changed, or the hash itself";
            }
            problem(entry.globalIndex(), entry.aggregateIdentifier(), entry.sequenceNumber(), code, detail);
        }
    }

    private static String key(String aggregate, long sequence) {
        return aggregate + "#" + sequence;
    }

    private void freezeSettled() {
        if (settled == null) {
            settled = new Settled(head, digest, count, headAggregate, headSequence);
        }
    }

    private void problem(Long globalIndex, String aggregate, Long sequence, String code, String detail) {
        problemCount++;
        if (problems.size() < MAX_KEPT) {
            problems.add(new Problem(globalIndex, aggregate, sequence, code, detail));
        }
    }
}
