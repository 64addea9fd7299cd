package cn.incubation.ledger.eventstore;

import cn.incubation.ledger.shared.CommandMetadata;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * How aggregates are loaded and what their events remember of the command. A tenant with years of history is
 * loaded from a snapshot plus the events after it, and a recently used aggregate from memory; every event carries
 * the actor, idempotency key and correlation id of the command that caused it.
 */
@Configuration(proxyBeanMethods = false)
class AggregateConfiguration {

    /** Metadata keys copied from each command onto the events it causes ({@code recordedAt}: see RecordTime). */

    @Bean
    SnapshotTriggerDefinition incubatorSnapshotTrigger(Snapshotter snapshotter,
                                                       @Value("${ledger.snapshot-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean
    SnapshotTriggerDefinition tenantSnapshotTrigger(Snapshotter snapshotter,
                                                    @Value("${ledger.snapshot-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean
    Cache incubatorCache(EventStoreProperties properties, @Value("${spring.data.mongodb.uri:}") String mongoUri) {
        return aggregateCache(properties, mongoUri);
    }

    @Bean
    Cache tenantCache(EventStoreProperties properties, @Value("${spring.data.mongodb.uri:}") String mongoUri) {
        return aggregateCache(properties, mongoUri);
    }

    /**
     * Aggregates are kept in memory only where this node is the one writer (its lease says so): with several, another
     * node may have changed an aggregate since, and a command would be judged on a stale state. Without the cache an
     * aggregate is loaded from its snapshot and the events after it, a few key lookups.
     */
    private static Cache aggregateCache(EventStoreProperties properties, String mongoUri) {
        boolean alone = properties.resolve(!StringUtils.hasText(mongoUri))
                == MongoEventStorageEngine.IndexAllocation.SINGLE_WRITER;
        return alone ? new WeakReferenceCache() : NoCache.INSTANCE;
    }

    /** Replaces Axon's default, which would overwrite {@code correlationId} with the command's message id. */
    @Bean
    CorrelationDataProvider commandMetadataProvider() {
        return new SimpleCorrelationDataProvider(CommandMetadata.INHERITED);
    }
}
