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
 * @param indexAllocation how appends get global indexes: {@code auto} (single-writer on the embedded server, which
 *                        lives in the ledger's process; shared-counter on any other MongoDB), {@code shared-counter}
 *                        or {@code single-writer}
 * @param writerLease     how long a single writer's lease on the global indexes lasts without renewal (and how long
 *                        the shared counter's writers are remembered): a node that died holding it keeps other nodes
 *                        from starting this long
 */
@ConfigurationProperties("ledger.event-store")
public record EventStoreProperties(@DefaultValue("100") int batchSize,
                                   @DefaultValue("60s") Duration gapTimeout,
                                   @DefaultValue("10000") int maxGapOffset,
                                   @DefaultValue("0") int trackingWindow,
                                   @DefaultValue("auto") Allocation indexAllocation,
                                   @DefaultValue("30s") Duration writerLease) {

    /** The {@code ledger.event-store.index-allocation} setting. */
    public enum Allocation {
        AUTO, SHARED_COUNTER, SINGLE_WRITER
    }

    MongoEventStorageEngine.IndexAllocation resolve(boolean embedded) {
        return switch (indexAllocation) {
            case SHARED_COUNTER -> MongoEventStorageEngine.IndexAllocation.SHARED_COUNTER;
            case SINGLE_WRITER -> MongoEventStorageEngine.IndexAllocation.SINGLE_WRITER;
            case AUTO -> embedded ? MongoEventStorageEngine.IndexAllocation.SINGLE_WRITER
                    : MongoEventStorageEngine.IndexAllocation.SHARED_COUNTER;
        };
    }
}
