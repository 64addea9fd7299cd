package cn.incubation.ledger.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import org.bson.Document;

/**
 * Claims by key: an insert that a unique key decides, which is how the adapters take a name, a key or a place that
 * only one writer may have, on a replica set and on the embedded server alike.
 */
public final class MongoInserts {

    private MongoInserts() {
    }

    /** Inserts the document; false, storing nothing, when a unique key it carries is taken already. */
    public static boolean insertUnlessTaken(MongoCollection<Document> collection, Document document) {
        try {
            collection.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }
}
