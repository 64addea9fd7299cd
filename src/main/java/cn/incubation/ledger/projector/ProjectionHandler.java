package cn.incubation.ledger.projector;

import cn.incubation.ledger.shared.Check;
import io.micrometer.core.instrument.Counter;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;

/**
 * One handler object of a projection at work: its {@code @EventHandler} methods called through Axon's annotation
 * support, with the {@link ProjectionBatch} being filled as a parameter, behind Axon's dead-lettering invoker, which
 * parks an event the handler fails on in the generation's dead-letter queue and every later event of its aggregate
 * behind it, since they would be applied to a state that lacks the first. Used by one thread at a time.
 */
final class ProjectionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProjectionHandler.class);

    private final String processor;
    private final DeadLetteringEventHandlerInvoker invoker;
    private final Counter failures;
    private ProjectionBatch batch;
    /** A failure of the database rather than of the event, met while handling the current one. */
    private Throwable notTheEvents;
    private boolean parked;

    ProjectionHandler(String processor, Object handler, SequencedDeadLetterQueue<EventMessage<?>> queue,
                      Counter failures) {
        this.processor = processor;
        this.failures = failures;
        ParameterResolverFactory parameters = MultiParameterResolverFactory.ordered(
                new BatchParameter(), ClasspathParameterResolverFactory.forClass(handler.getClass()));
        this.invoker = DeadLetteringEventHandlerInvoker.builder()
                                                       .eventHandlers(new ErrorsAsFailures(
                                                               new AnnotationEventHandlerAdapter(handler, parameters)))
                                                       .queue(queue)
                                                       .enqueuePolicy(this::decide)
                                                       .transactionManager(NoTransactionManager.INSTANCE)
                                                       .build();
    }

    /**
     * Applies the event through the handler into the batch, unless its aggregate has a parked event. When the
     * handler fails on it, whatever the failure, the event is parked and {@link Worker.Restart} is thrown: the caller
     * starts again before it with a new handler, since the failure may have left the batch and the handler's caches
     * half changed, and this time the event is passed over. A failure to reach the database is not the event's: it is
     * thrown as it is, and nothing is parked.
     */
    void handle(EventMessage<?> event, Segment segment, ProjectionBatch batch) throws Exception {
        this.batch = batch;
        try {
            invoker.handle(event, segment);
        } finally {
            this.batch = null;
        }
        if (notTheEvents != null) {
            Throwable failure = notTheEvents;
            notTheEvents = null;
            if (failure instanceof Exception e) {
                throw e;
            }
            throw (Error) failure;
        }
        if (parked) {
            parked = false;
            throw new Worker.Restart();
        }
    }

    private EnqueueDecision<EventMessage<?>> decide(org.axonframework.messaging.deadletter.DeadLetter<?
            extends EventMessage<?>> letter, Throwable cause) {
        Throwable failure = cause instanceof HandlerError error ? error.getCause() : cause;
        if (!isTheEvents(failure)) {
            notTheEvents = failure;
            return Decisions.doNotEnqueue();
        }
        EventMessage<?> event = letter.message();
        failures.increment();
        log.error("Projection {} could not apply the event at global index {} ({} of {}); it is parked, with every "
                          + "later event of its aggregate, and the projection goes on without them. Fix the cause, "
                          + "then retry them (POST /api/projections/{}/dead-letters/retry).",
                  processor, RecordTime.globalIndex(event), event.getPayloadType().getSimpleName(),
                  event instanceof DomainEventMessage<?> d ? d.getAggregateIdentifier() : event.getIdentifier(),
                  processor.substring(0, processor.indexOf('@')), failure);
        parked = true;
        String message = failure.getMessage();
        return Decisions.enqueue(new ThrowableCause(failure.getClass().getName(),
                                                    message == null ? "" : Check.excerpt(message)));
    }

    /**
     * Whether a failure lies with the event rather than with the database: a read that failed (a connection lost)
     * is retried by starting the projection again from its last batch, never parked.
     */
    static boolean isTheEvents(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof com.mongodb.MongoException) {
                return false;
            }
        }
        return !(failure instanceof InterruptedException);
    }

    /** Resolves a handler method's {@link ProjectionBatch} parameter to the batch of the event being handled. */
    private final class BatchParameter implements ParameterResolverFactory {
        @Override
        public ParameterResolver<ProjectionBatch> createInstance(Executable executable, Parameter[] parameters,
                                                                 int index) {
            if (!ProjectionBatch.class.equals(parameters[index].getType())) {
                return null;
            }
            return new ParameterResolver<>() {
                @Override
                public ProjectionBatch resolveParameterValue(Message<?> message) {
                    return batch;
                }

                @Override
                public boolean matches(Message<?> message) {
                    return true;
                }
            };
        }
    }

    /**
     * Hands an {@link Error} a handler throws (a stack overflow, or the memory a huge legacy number asked for) to the
     * dead-lettering invoker as a failure it parks, where it would otherwise stop the projection for good.
     */
    private static final class ErrorsAsFailures implements EventMessageHandler {
        private final EventMessageHandler delegate;

        ErrorsAsFailures(EventMessageHandler delegate) {
            this.delegate = delegate;
        }

        @Override
        public Object handle(EventMessage<?> event) throws Exception {
            try {
                return delegate.handle(event);
            } catch (Error e) {
                throw new HandlerError(e);
            }
        }

        @Override
        public boolean canHandle(EventMessage<?> event) {
            return delegate.canHandle(event);
        }

        @Override
        public boolean canHandleType(Class<?> payloadType) {
            return delegate.canHandleType(payloadType);
        }

        @Override
        public Class<?> getTargetType() {
            return delegate.getTargetType();
        }
    }

    /** An {@link Error} a handler threw, carried as a failure of the event. */
    private static final class HandlerError extends Exception {
        HandlerError(Error cause) {
            super(cause.toString(), cause, false, false);
        }
    }
}
