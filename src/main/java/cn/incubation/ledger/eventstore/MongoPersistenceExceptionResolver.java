package cn.incubation.ledger.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoServerException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/** Recognises MongoDB's duplicate-key errors, which is how the event store learns of a concurrent append. */
public class MongoPersistenceExceptionResolver implements PersistenceExceptionResolver {

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        Throwable cause = exception;
        while (cause != null) {
            if (cause instanceof MongoBulkWriteException bulk) {
                return bulk.getWriteErrors().stream()
                           .anyMatch(e -> ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY);
            }
            if (cause instanceof MongoServerException server
                    && ErrorCategory.fromErrorCode(server.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return true;
            }
            cause = cause.getCause();
        }
        return false;
    }
}
