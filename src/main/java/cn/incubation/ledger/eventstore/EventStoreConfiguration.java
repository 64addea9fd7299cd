package cn.incubation.ledger.eventstore;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.MongoSagaStore;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

import java.time.Clock;

/**
 * Puts Axon's event store, token store and saga store on MongoDB. Events go through {@link MongoEventStorageEngine};
 * tokens and sagas through the Axon Mongo extension's stores, which need nothing the embedded server lacks.
 */
@Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    @Bean
    NodeIdentity nodeIdentity(@Value("${ledger.node-id:}") String configured) {
        return NodeIdentity.of(configured);
    }

    /**
     * Taken before the engine opens the store: a node that would disagree with the others on how global indexes are
     * allocated stops here, with what to configure.
     */
    @Bean(destroyMethod = "close")
    WriterLease writerLease(MongoDatabase database, EventStoreProperties properties, NodeIdentity node,
                            @Value("${spring.data.mongodb.uri:}") String mongoUri, Clock clock) {
        boolean embedded = !StringUtils.hasText(mongoUri);
        return WriterLease.acquire(database.getCollection("counters"), properties.resolve(embedded), node.id(),
                                   properties.writerLease(), clock, embedded);
    }

    @Bean
    MongoEventStorageEngine eventStorageEngine(MongoDatabase database, EventStoreProperties properties,
                                               @Value("${spring.data.mongodb.uri:}") String mongoUri,
                                               @Qualifier("eventSerializer") Serializer eventSerializer,
                                               ObjectMapper objectMapper, ObjectProvider<EventUpcaster> upcasters,
                                               WriterLease writerLease,
                                               org.axonframework.config.Configuration axonConfiguration,
                                               MeterRegistry meters) {
        return MongoEventStorageEngine.builder()
                                      .writerLease(writerLease)
                                      .appendTimer(Timer.builder("ledger.eventstore.append")
                                                        .description("one append of a unit of work's events to the "
                                                                     + "store, hashing and retries included")
                                                        .publishPercentileHistogram().register(meters))
                                      // Skips a snapshot of an aggregate whose @Revision changed, as Axon's own engines do.
                                      .snapshotFilter(axonConfiguration.snapshotFilter())
                                      .database(database)
                                      .eventSerializer(eventSerializer)
                                      .snapshotSerializer(snapshotSerializer(objectMapper))
                                      .upcasterChain(new EventUpcasterChain(upcasters.orderedStream().toList()))
                                      .batchSize(properties.batchSize())
                                      .gapTimeout(properties.gapTimeout())
                                      .maxGapOffset(properties.maxGapOffset())
                                      .trackingWindow(properties.trackingWindow())
                                      .indexAllocation(properties.resolve(!StringUtils.hasText(mongoUri)))
                                      .build();
    }

    /** The events as verification reads them: in global-index order, by key lookups. */
    @Bean
    EventScan eventScan(MongoDatabase database) {
        return new EventScan(database);
    }

    /**
     * Snapshots hold an aggregate's private state, which has no getters to serialize through: this serializer reads
     * and writes fields directly. A snapshot it cannot read is skipped and the aggregate rebuilt from its events.
     */
    static Serializer snapshotSerializer(ObjectMapper objectMapper) {
        ObjectMapper fields = objectMapper.copy()
                                          .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                                          .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                                          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        return JacksonSerializer.builder().objectMapper(fields).build();
    }

    @Bean
    MongoTemplate axonMongoTemplate(MongoClient client, MongoDatabase database) {
        return DefaultMongoTemplate.builder().mongoDatabase(client, database.getName()).build();
    }

    @Bean
    TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer, NodeIdentity node,
                          @Value("${ledger.projections.claim-timeout:10s}") java.time.Duration claimTimeout) {
        return MongoTokenStore.builder().mongoTemplate(axonMongoTemplate).serializer(serializer).nodeId(node.id())
                              .claimTimeout(claimTimeout).build();
    }

    @Bean
    SagaStore<Object> sagaStore(MongoTemplate axonMongoTemplate, Serializer serializer) {
        return MongoSagaStore.builder().mongoTemplate(axonMongoTemplate).serializer(serializer).build();
    }
}
