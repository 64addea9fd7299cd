package cn.incubation.ledger.history;

/** The timeline of a carrier and its tenants, newest first, filtered and paged. */
public interface IncubatorHistory {

    /** One page of the timeline; an incubator the history has never seen is a {@code NOT_FOUND} rejection. */
    HistoryPage find(FindIncubatorHistory query);
}
