package cn.incubation.ledger.projector;

import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The token store of the projections' processors: Axon's {@code MongoTokenStore} for claims and tokens, with each
 * batch's writes committed in the same step as its token. A pooled streaming processor stores a batch's token in its
 * unit of work's prepare-commit phase; for a projection's processor that step first writes the batch's journal entry
 * (its token and merged writes, the commit point), then applies the writes, then stores the token. Claiming a segment,
 * the processor first gets what the journal holds applied, and starts after the journal's token even when the crash
 * came before the token store heard of it.
 */
final class JournalingTokenStore implements TokenStore {

    /** The unit-of-work resource that holds the batch being handled. */
    static final String BATCH = "ledger.projection.batch";
    /** The unit-of-work resource that names the run whose handler filled the batch. */
    static final String RUN = "ledger.projection.run";

    private final TokenStore delegate;
    private final Map<String, ProjectionRun> runs = new ConcurrentHashMap<>();

    JournalingTokenStore(TokenStore delegate) {
        this.delegate = delegate;
    }

    void register(ProjectionRun run) {
        runs.put(run.processorName(), run);
    }

    void unregister(ProjectionRun run) {
        runs.remove(run.processorName(), run);
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        boolean inBatch = CurrentUnitOfWork.isStarted();
        // The run that handled the batch, not merely the one now registered under its name.
        ProjectionRun run = inBatch ? CurrentUnitOfWork.get().getResource(RUN) : null;
        if (run == null) {
            run = runs.get(processorName);
        }
        if (run == null) {
            delegate.storeToken(token, processorName, segment);
            return;
        }
        if (run.stopped()) {
            throw new UnableToClaimTokenException("The processor " + processorName + " on this node was stopped");
        }
        ProjectionBatch batch = inBatch ? CurrentUnitOfWork.get().getResource(BATCH) : null;
        // Refused before the commit point when the claim is gone; the journal's compare-and-set catches the rest.
        delegate.extendClaim(processorName, segment);
        run.commit(segment, token, batch);
        // Last, so that the token store (what lag and "caught up" are read from) never runs ahead of the writes.
        delegate.storeToken(token, processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) throws UnableToClaimTokenException {
        TrackingToken stored = delegate.fetchToken(processorName, segment);
        return claimed(processorName, segment, stored);
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) throws UnableToClaimTokenException {
        TrackingToken stored = delegate.fetchToken(processorName, segment);
        return claimed(processorName, segment.getSegmentId(), stored);
    }

    private TrackingToken claimed(String processorName, int segment, TrackingToken stored) {
        ProjectionRun run = runs.get(processorName);
        if (run == null) {
            return stored;
        }
        TrackingToken resumed = run.recover(segment, stored);
        if (resumed != stored && (resumed == null || !resumed.equals(stored))) {
            delegate.storeToken(resumed, processorName, segment);
        }
        return resumed;
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) {
        delegate.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
        delegate.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public void extendClaim(String processorName, int segment) {
        delegate.extendClaim(processorName, segment);
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        ProjectionRun run = runs.get(processorName);
        if (run != null) {
            run.released(segment);
        }
        delegate.releaseClaim(processorName, segment);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        delegate.initializeSegment(token, processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) {
        delegate.deleteToken(processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return delegate.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return delegate.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return delegate.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return delegate.retrieveStorageIdentifier();
    }
}
