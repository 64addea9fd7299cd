package cn.incubation.ledger.incubator;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What happened to a carrier. Each event carries the business date on which it happened ({@link #occurredOn()});
 * when the ledger learned it is the event's timestamp.
 */
public sealed interface IncubatorEvent {

    String incubatorId();

    /** The business date of the fact (valid time). */
    LocalDate occurredOn();

    /** A carrier was registered. */
    record IncubatorRegistered(String incubatorId, String name, CarrierKind kind, String regionCode, String operator,
                               LocalDate openedOn, BigDecimal floorAreaM2, int staff) implements IncubatorEvent {
        @Override
        public LocalDate occurredOn() {
            return openedOn;
        }
    }

    /** A carrier was accredited at a level. */
    record IncubatorAccredited(String incubatorId, AccreditationLevel level, LocalDate accreditedOn)
            implements IncubatorEvent {
        @Override
        public LocalDate occurredOn() {
            return accreditedOn;
        }
    }

    /** A carrier's incubation floor area changed. */
    record FloorAreaChanged(String incubatorId, BigDecimal floorAreaM2, LocalDate changedOn) implements IncubatorEvent {
        @Override
        public LocalDate occurredOn() {
            return changedOn;
        }
    }

    /** A carrier reported its incubation staff. */
    record StaffReported(String incubatorId, int staff, LocalDate reportedOn) implements IncubatorEvent {
        @Override
        public LocalDate occurredOn() {
            return reportedOn;
        }
    }

    /** A carrier received its annual evaluation rating; it counts as of the year's last day. */
    record IncubatorRated(String incubatorId, int year, Rating rating) implements IncubatorEvent {
        @Override
        public LocalDate occurredOn() {
            return LocalDate.of(year, 12, 31);
        }
    }

    /** A carrier closed. */
    record IncubatorClosed(String incubatorId, LocalDate closedOn, String reason) implements IncubatorEvent {
        @Override
        public LocalDate occurredOn() {
            return closedOn;
        }
    }
}
