package cn.incubation.ledger.mongo;

import cn.incubation.ledger.shared.Accepted;
import cn.incubation.ledger.web.IdempotencyStore;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/** Idempotency keys as documents under {@code _id}: the unique key decides which of two racing requests goes first. */
@Component
class MongoIdempotencyStore implements IdempotencyStore {

    private final MongoCollection<Document> keys;

    MongoIdempotencyStore(MongoDatabase database) {
        this.keys = database.getCollection("idempotency_keys");
    }

    @Override
    public boolean reserve(String key, String fingerprint, Instant at) {
        try {
            keys.insertOne(new Document("_id", key).append("fingerprint", fingerprint)
                                                    .append("reservedAt", Date.from(at)));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
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
