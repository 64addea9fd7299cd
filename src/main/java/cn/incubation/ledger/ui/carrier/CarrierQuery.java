package cn.incubation.ledger.ui.carrier;

import cn.incubation.ledger.history.FindIncubatorHistory;
import cn.incubation.ledger.ui.PageTimes;
import cn.incubation.ledger.ui.parts.AsKnown;
import org.springframework.validation.Errors;

import java.util.Set;

/**
 * The carrier page's question, checked: the carrier on a business date as known at an instant, and which page of its
 * timeline of which event type (all when none). A bad field leaves an error beside it and no query.
 */
record CarrierQuery(String incubatorId, AsKnown times, String type, int page) {

    /** Timeline entries on one page: enough to read a year of a small carrier at a glance. */
    static final int PAGE_SIZE = 20;

    static CarrierQuery of(String incubatorId, CarrierForm form, Errors errors, PageTimes pageTimes) {
        AsKnown times = AsKnown.of(form, errors, pageTimes);
        String type = form.getType() == null || form.getType().isBlank() ? null : form.getType().strip();
        if (type != null && !FindIncubatorHistory.KNOWN_TYPES.contains(type)) {
            errors.rejectValue("type", "invalid.eventType", new Object[] {type}, "is not an event type");
        }
        int page = 0;
        if (form.getPage() != null && !form.getPage().isBlank()) {
            try {
                page = Integer.parseInt(form.getPage().strip());
            } catch (NumberFormatException e) {
                page = -1;
            }
            if (page < 0 || page > 1_000_000) {
                errors.rejectValue("page", "invalid.page", "must be a page number from 0");
            }
        }
        if (errors.hasErrors() || times == null) {
            return null;
        }
        return new CarrierQuery(incubatorId, times, type, page);
    }

    /** The timeline up to the page's date: what had happened by then, as the state and tenants beside it. */
    FindIncubatorHistory timeline(int page, int size) {
        return new FindIncubatorHistory(incubatorId, null, times.asOf(), type == null ? Set.of() : Set.of(type), page,
                                        size);
    }
}
