package cn.incubation.ledger.verification.mongo;

import cn.incubation.ledger.mongo.MongoInserts;
import cn.incubation.ledger.verification.Checkpoint;
import cn.incubation.ledger.verification.CheckpointStore;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Checkpoints in the {@code ledger_checkpoints} collection under {@code _id} = position, so that two admins asking at
 * once get one checkpoint per position. The collection holds one document per checkpoint made: reading it whole is
 * cheap.
 */
@Component
public class MongoCheckpointStore implements CheckpointStore {

    private final MongoCollection<Document> checkpoints;

    public MongoCheckpointStore(MongoDatabase database) {
        this.checkpoints = database.getCollection("ledger_checkpoints");
    }

    @Override
    public List<Checkpoint> all() {
        List<Checkpoint> all = new ArrayList<>();
        for (Document document : checkpoints.find()) {
            all.add(read(document));
        }
        return all;
    }

    @Override
    public Added add(Checkpoint checkpoint) {
        Document document = new Document("_id", checkpoint.position())
                .append("digest", checkpoint.digest())
                .append("count", checkpoint.count())
                .append("createdAt", Date.from(checkpoint.createdAt()))
                .append("createdBy", checkpoint.createdBy())
                .append("aggregate", checkpoint.aggregate())
                .append("sequence", checkpoint.sequence());
        if (checkpoint.signature() != null) {
            document.append("signature", checkpoint.signature());
        }
        if (MongoInserts.insertUnlessTaken(checkpoints, document)) {
            return new Added(checkpoint, true);
        }
        Document existing = checkpoints.find(Filters.eq("_id", checkpoint.position())).first();
        return new Added(existing == null ? checkpoint : read(existing), false);
    }

    /** Reads what is there; a field of the wrong type reads as absent, which verification then names. */
    private static Checkpoint read(Document document) {
        long position = document.get("_id") instanceof Number number ? number.longValue() : -1;
        Instant createdAt = document.get("createdAt") instanceof Date date ? date.toInstant() : null;
        return new Checkpoint(position, text(document, "digest"),
                              document.get("count") instanceof Number count ? count.longValue() : -1, createdAt,
                              text(document, "createdBy"), text(document, "aggregate"),
                              document.get("sequence") instanceof Number sequence ? sequence.longValue() : null,
                              text(document, "signature"));
    }

    private static String text(Document document, String field) {
        return document.get(field) instanceof String text ? text : null;
    }
}
