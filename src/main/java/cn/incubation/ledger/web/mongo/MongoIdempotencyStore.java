package cn.incubation.ledger.web.mongo;

import cn.incubation.ledger.mongo.MongoInserts;
import cn.incubation.ledger.shared.Accepted;
import cn.incubation.ledger.web.IdempotencyStore;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Idempotency keys as documents under {@code _id}: the unique key decides which of two racing requests goes first.
 * Forgotten keys are deleted by a TTL index where the server has one (MongoDB) and by an hourly sweep everywhere.
 */
@Component
class MongoIdempotencyStore implements IdempotencyStore {

    private static final Logger log = LoggerFactory.getLogger(MongoIdempotencyStore.class);

    private final MongoCollection<Document> keys;
    private final Duration lifetime;
    private final Clock clock;

    MongoIdempotencyStore(MongoDatabase database, @Value("${ledger.api.idempotency-ttl:30d}") Duration lifetime,
                          Clock clock, @Value("${spring.data.mongodb.uri:}") String mongoUri) {
        this.keys = database.getCollection("idempotency_keys");
        this.lifetime = lifetime;
        this.clock = clock;
        if (mongoUri.isBlank()) {
            // The embedded server keeps no index it cannot use for equality, a TTL index included.
            return;
        }
        try {
            // A day's margin: the ledger itself treats a key as forgotten at its lifetime, whatever the index does.
            keys.createIndex(Indexes.ascending("reservedAt"),
                             new IndexOptions().expireAfter(lifetime.plusDays(1).toSeconds(), TimeUnit.SECONDS));
        } catch (MongoException e) {
            log.debug("No TTL index on idempotency keys; the hourly sweep deletes forgotten keys", e);
        }
    }

    /** Deletes keys past their lifetime: a scan on the embedded server, so once an hour. */
    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
    void sweep() {
        long deleted = keys.deleteMany(Filters.lt("reservedAt", Date.from(clock.instant().minus(lifetime))))
                           .getDeletedCount();
        if (deleted > 0) {
            log.info("Forgot {} idempotency keys older than {}", deleted, lifetime);
        }
    }

    @Override
    public boolean reserve(String key, String fingerprint, Instant at) {
        return MongoInserts.insertUnlessTaken(keys, new Document("_id", key).append("fingerprint", fingerprint)
                                                                         .append("reservedAt", Date.from(at)));
    }

    @Override
    public Optional<Entry> find(String key) {
        return Optional.ofNullable(keys.find(Filters.eq("_id", key)).first()).map(d -> new Entry(
                key, d.getString("fingerprint"), d.getDate("reservedAt").toInstant(), answer(d)));
    }

    /** Rare (a request died holding the key), so its compare-and-set filter may scan on the embedded server. */
    @Override
    public boolean takeOver(Entry abandoned, Instant at) {
        return keys.updateOne(Filters.and(Filters.eq("_id", abandoned.key()),
                                          Filters.eq("reservedAt", Date.from(abandoned.reservedAt())),
                                          Filters.exists("status", false)),
                              Updates.set("reservedAt", Date.from(at))).getModifiedCount() == 1;
    }

    /** Rare (a key reused after its lifetime), so its compare-and-set filter may scan on the embedded server. */
    @Override
    public boolean renew(Entry expired, String fingerprint, Instant at) {
        return keys.replaceOne(Filters.and(Filters.eq("_id", expired.key()),
                                           Filters.eq("reservedAt", Date.from(expired.reservedAt()))),
                               new Document("_id", expired.key()).append("fingerprint", fingerprint)
                                                                 .append("reservedAt", Date.from(at)))
                   .getModifiedCount() == 1;
    }

    @Override
    public void complete(String key, Answer answer) {
        Accepted body = answer.body();
        keys.updateOne(new Document("_id", key),
                       Updates.combine(Updates.set("status", answer.status()),
                                       Updates.set("location", answer.location()),
                                       Updates.set("id", body.id()),
                                       Updates.set("version", body.version()),
                                       Updates.set("investmentId", body.investmentId())));
    }

    /** Read, then delete by {@code _id} alone: a reservation without an answer is its request's own. */
    @Override
    public void release(String key, String fingerprint) {
        find(key).filter(entry -> entry.answer() == null && entry.fingerprint().equals(fingerprint))
                 .ifPresent(entry -> keys.deleteOne(new Document("_id", key)));
    }

    private static Answer answer(Document d) {
        Integer status = d.getInteger("status");
        if (status == null) {
            return null;
        }
        return new Answer(status, d.getString("location"),
                          new Accepted(d.getString("id"), d.get("version", Number.class).longValue(),
                                       d.getString("investmentId")));
    }
}
