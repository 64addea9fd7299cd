package cn.incubation.ledger.history;

import java.util.List;

/** A page of a carrier's timeline, newest first, with how many facts match the filter in all. */
public record HistoryPage(String incubatorId, int page, int size, long total, long totalPages,
                          List<HistoryEntry> entries) {
}
