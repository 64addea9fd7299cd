package cn.incubation.ledger.projector;

import com.mongodb.client.MongoCollection;
import org.bson.Document;

/** The collections of one generation of one projection. */
public interface ProjectionStore {

    MongoCollection<Document> collection(String base);
}
