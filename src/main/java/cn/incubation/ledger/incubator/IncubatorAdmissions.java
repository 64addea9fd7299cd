package cn.incubation.ledger.incubator;

import java.time.LocalDate;

/**
 * The carrier's say in an admission: another module asks whether a carrier can admit a tenant on a date, and the
 * carrier's own event-sourced state answers.
 */
public interface IncubatorAdmissions {

    /**
     * Returns normally when the carrier exists, is open and had opened by {@code admittedOn}; otherwise throws a
     * {@link cn.incubation.ledger.shared.LedgerRejection} saying which.
     */
    void checkAdmission(String incubatorId, LocalDate admittedOn);
}
