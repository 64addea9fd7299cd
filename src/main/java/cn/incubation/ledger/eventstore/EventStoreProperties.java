package cn.incubation.ledger.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Tuning of the MongoDB event store ({@code ledger.event-store.*}).
 *
 * @param batchSize      events read per query, for one aggregate and for tracking
 * @param gapTimeout     how long a reserved global index may stay unwritten before readers give it up
 * @param maxGapOffset   how far behind the position a gap may lie before it is given up
 * @param trackingWindow global indexes asked for by one tracking query; larger than the batch size pays off when
 *                       processors read large batches
 */
@ConfigurationProperties("ledger.event-store")
public record EventStoreProperties(@DefaultValue("100") int batchSize,
                                   @DefaultValue("60s") Duration gapTimeout,
                                   @DefaultValue("10000") int maxGapOffset,
                                   @DefaultValue("0") int trackingWindow) {
}
