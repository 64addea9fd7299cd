package cn.incubation.ledger.eventstore;

import cn.incubation.ledger.eventstore.AppendSettler.Append;
import cn.incubation.ledger.eventstore.AppendSettler.AppendState;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.DomainEventData;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static cn.incubation.ledger.eventstore.EventSchema.C_APPEND;
import static cn.incubation.ledger.eventstore.EventSchema.C_RANGE;
import static cn.incubation.ledger.eventstore.EventSchema.KEY;
import static cn.incubation.ledger.eventstore.EventSchema.appendOf;
import static cn.incubation.ledger.eventstore.EventSchema.eventData;
import static cn.incubation.ledger.eventstore.EventSchema.key;
import static cn.incubation.ledger.eventstore.EventSchema.sequenceOf;

/** One aggregate's committed events, read through the unique {@code key} with {@code $in} lookups only. */
final class AggregateReader {

    private final MongoCollection<Document> events;
    private final AppendSettler settler;
    private final AppendChain chain;

    AggregateReader(MongoCollection<Document> events, AppendSettler settler, AppendChain chain) {
        this.events = events;
        this.settler = settler;
        this.chain = chain;
    }

    /** The committed events from {@code firstSequenceNumber}: one window of {@code batchSize}, or more past holes. */
    List<DomainEventData<?>> fetch(String aggregateIdentifier, long firstSequenceNumber, int batchSize) {
        List<DomainEventData<?>> result = new ArrayList<>();
        long windowStart = firstSequenceNumber;
        while (true) {
            List<DomainEventData<?>> window = fetchSequenceWindow(aggregateIdentifier, windowStart, batchSize);
            result.addAll(window);
            // A full window: the caller asks for the next one. A run without holes from the window's start: the
            // stream ends here, with no extra query. Otherwise the stream has a hole in its sequence (Axon lets one
            // be appended), and it is read on until a window holds nothing.
            boolean endsWithoutHole = window.isEmpty()
                    || window.get(window.size() - 1).getSequenceNumber() == windowStart + window.size() - 1;
            if (window.size() == batchSize || endsWithoutHole) {
                return result;
            }
            windowStart += batchSize;
        }
    }

    private List<DomainEventData<?>> fetchSequenceWindow(String aggregateIdentifier, long firstSequenceNumber,
                                                         int batchSize) {
        List<String> keys = new ArrayList<>(batchSize);
        for (long sequence = firstSequenceNumber; sequence < firstSequenceNumber + batchSize; sequence++) {
            keys.add(key(aggregateIdentifier, sequence));
        }
        Map<Long, Document> bySequence = new TreeMap<>();
        for (Document document : events.find(Filters.in(KEY, keys))) {
            bySequence.put(sequenceOf(document), document);
        }
        Map<Long, AppendState> states = settler.states(bySequence.values());
        List<DomainEventData<?>> result = new ArrayList<>(bySequence.size());
        Document lastCommitted = null;
        for (Document document : bySequence.values()) {
            if (states.get(appendOf(document)) == AppendState.COMMITTED) {
                result.add(eventData(document));
                lastCommitted = document;
            }
        }
        if (lastCommitted != null) {
            chain.read(aggregateIdentifier, sequenceOf(lastCommitted), lastCommitted);
        }
        return result;
    }

    Optional<Long> lastSequenceNumber(String aggregateIdentifier) {
        // Probe sequence 0, 1, 3, 7, … to bracket the end of the stream, then bisect: O(log n) key lookups.
        if (!committedSequenceExists(aggregateIdentifier, 0)) {
            return Optional.empty();
        }
        long present = 0;
        long absent = -1;
        for (long probe = 1; probe > 0; probe = probe * 2 + 1) {
            if (committedSequenceExists(aggregateIdentifier, probe)) {
                present = probe;
            } else {
                absent = probe;
                break;
            }
        }
        while (absent - present > 1) {
            long middle = present + (absent - present) / 2;
            if (committedSequenceExists(aggregateIdentifier, middle)) {
                present = middle;
            } else {
                absent = middle;
            }
        }
        return Optional.of(present);
    }

    private boolean committedSequenceExists(String aggregateIdentifier, long sequence) {
        Document document = events.find(Filters.eq(KEY, key(aggregateIdentifier, sequence)))
                                  .projection(new Document(C_APPEND, 1).append(C_RANGE, 1))
                                  .first();
        return document != null && settler.stateOf(Append.of(document)) == AppendState.COMMITTED;
    }
}
