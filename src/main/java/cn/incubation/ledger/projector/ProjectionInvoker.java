package cn.incubation.ledger.projector;

import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

import java.util.Objects;

/**
 * Hands a projection processor's events to the projection's handler of the segment: events of one aggregate always go
 * to one segment (Axon's sequential-per-aggregate policy), in order.
 */
final class ProjectionInvoker implements EventHandlerInvoker {

    private final ProjectionRun run;

    ProjectionInvoker(ProjectionRun run) {
        this.run = run;
    }

    @Override
    public boolean canHandle(EventMessage<?> eventMessage, Segment segment) {
        Object sequence = SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(eventMessage);
        return segment.matches(Objects.requireNonNullElse(sequence, eventMessage.getIdentifier()));
    }

    @Override
    public boolean canHandleType(Class<?> payloadType) {
        return true;
    }

    @Override
    public void handle(EventMessage<?> message, Segment segment) throws Exception {
        run.handle(message, segment);
    }

    /** Rebuilds go into new generations: a processor's tokens are never reset. */
    @Override
    public boolean supportsReset() {
        return false;
    }

    @Override
    public void segmentReleased(Segment segment) {
        run.released(segment.getSegmentId());
    }
}
