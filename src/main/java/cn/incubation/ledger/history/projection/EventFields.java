package cn.incubation.ledger.history.projection;

import cn.incubation.ledger.shared.Decimals;
import org.bson.Document;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.temporal.Temporal;

/** An event's fields as a stored document: amounts as exact decimal strings, dates as ISO text, enums by name. */
final class EventFields {

    private EventFields() {
    }

    static Document of(Record payload) {
        Document fields = new Document();
        for (RecordComponent component : payload.getClass().getRecordComponents()) {
            try {
                fields.append(component.getName(), value(component.getAccessor().invoke(payload)));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + component + " of " + payload.getClass(), e);
            }
        }
        return fields;
    }

    private static Object value(Object value) {
        if (value instanceof BigDecimal decimal) {
            // A double would round a large amount; the text keeps every digit the operator typed.
            return Decimals.plain(decimal);
        }
        if (value instanceof Temporal || value instanceof Enum<?>) {
            return value.toString();
        }
        return value;
    }
}
