package cn.incubation.ledger.ui.overview;

import cn.incubation.ledger.incubator.IncubatorEvent;
import cn.incubation.ledger.ui.parts.FactText;
import org.springframework.context.MessageSource;

import java.util.Locale;

/**
 * A recorded fact in one line of the reader's language, worded as the carrier and tenant pages word it
 * ({@link FactText}), and whether it is a carrier's or a tenant's, for a column of its own.
 */
final class FactDescriptions {

    private final MessageSource messages;
    private final Locale locale;
    private final FactText text;

    FactDescriptions(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
        this.text = new FactText(messages, locale);
    }

    String describe(Record event) {
        return text.describe(event.getClass().getSimpleName(), FactText.fields(event));
    }

    /** The kind of fact alone, for a column of its own. */
    String kind(Record event) {
        String key = event instanceof IncubatorEvent ? "changes.carrier" : "changes.tenant";
        return messages.getMessage(key, null, key, locale);
    }
}
