package cn.incubation.ledger.incubator.command;

import cn.incubation.ledger.incubator.AccreditationLevel;
import cn.incubation.ledger.incubator.IncubatorCommands.AccreditIncubator;
import cn.incubation.ledger.incubator.IncubatorCommands.ChangeFloorArea;
import cn.incubation.ledger.incubator.IncubatorCommands.CloseIncubator;
import cn.incubation.ledger.incubator.IncubatorCommands.RateIncubator;
import cn.incubation.ledger.incubator.IncubatorCommands.RegisterIncubator;
import cn.incubation.ledger.incubator.IncubatorCommands.ReportStaff;
import cn.incubation.ledger.incubator.IncubatorEvent.FloorAreaChanged;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorAccredited;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorClosed;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorRated;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorRegistered;
import cn.incubation.ledger.incubator.IncubatorEvent.StaffReported;
import cn.incubation.ledger.region.RegionCatalog;
import cn.incubation.ledger.region.RegionLevel;
import cn.incubation.ledger.shared.Accepted;
import cn.incubation.ledger.shared.Check;
import cn.incubation.ledger.shared.LedgerRejection;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * An incubation carrier: its registration, accreditation, floor area, staff, ratings and closure. Rules compare the
 * facts' own business dates, never the order in which they were recorded: a closed carrier still takes facts dated
 * before its closure (late paperwork), and accreditations may be recorded in any order as long as the level never
 * falls from one date to a later one.
 */
@Aggregate(snapshotTriggerDefinition = "incubatorSnapshotTrigger", cache = "incubatorCache")
@Revision("2")
public class Incubator {

    @AggregateIdentifier
    private String incubatorId;
    private LocalDate openedOn;
    /** Each accreditation by its date. */
    private final TreeMap<LocalDate, AccreditationLevel> levels = new TreeMap<>();
    private LocalDate closedOn;
    /** The latest business date of the carrier's own facts: it cannot close before them. */
    private LocalDate latestFactOn;
    private final Set<Integer> ratedYears = new HashSet<>();

    protected Incubator() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    Accepted handle(RegisterIncubator command, RegionCatalog regions, Clock clock) {
        Check.notAfter("openedOn", command.openedOn(), LocalDate.now(clock));
        var region = regions.find(command.regionCode()).orElseThrow(() -> LedgerRejection.invalid(
                "regionCode", command.regionCode(), "is not a division code in the region catalog (GET /api/regions)"));
        if (region.level() == RegionLevel.ECONOMIC_REGION) {
            throw LedgerRejection.invalid("regionCode", command.regionCode(),
                                          "must be an administrative division, not an economic region");
        }
        apply(new IncubatorRegistered(command.incubatorId(), command.name(), command.kind(), command.regionCode(),
                                      command.operator(), command.openedOn(), command.floorAreaM2(), command.staff()));
        return Accepted.of(incubatorId, getVersion());
    }

    @CommandHandler
    Accepted handle(AccreditIncubator command, Clock clock) {
        LocalDate on = command.accreditedOn();
        checkOpenOn("accreditedOn", on, clock);
        if (levels.containsKey(on)) {
            throw LedgerRejection.conflict("accreditedOn", on, "the carrier already has an accreditation on this date ("
                    + levels.get(on) + ")");
        }
        Map.Entry<LocalDate, AccreditationLevel> before = levels.lowerEntry(on);
        if (before != null && command.level().compareTo(before.getValue()) < 0) {
            throw LedgerRejection.conflict("level", command.level(), "an accreditation level only rises; the carrier "
                    + "was accredited " + before.getValue() + " on " + before.getKey() + ", before " + on);
        }
        for (Map.Entry<LocalDate, AccreditationLevel> after : levels.tailMap(on, false).entrySet()) {
            if (after.getValue().compareTo(command.level()) < 0) {
                throw LedgerRejection.conflict("level", command.level(), "an accreditation level only rises; the "
                        + "carrier was accredited " + after.getValue() + " on " + after.getKey() + ", after " + on);
            }
        }
        apply(new IncubatorAccredited(incubatorId, command.level(), command.accreditedOn()));
        return Accepted.of(incubatorId, getVersion());
    }

    @CommandHandler
    Accepted handle(ChangeFloorArea command, Clock clock) {
        checkOpenOn("changedOn", command.changedOn(), clock);
        apply(new FloorAreaChanged(incubatorId, command.floorAreaM2(), command.changedOn()));
        return Accepted.of(incubatorId, getVersion());
    }

    @CommandHandler
    Accepted handle(ReportStaff command, Clock clock) {
        checkOpenOn("reportedOn", command.reportedOn(), clock);
        apply(new StaffReported(incubatorId, command.staff(), command.reportedOn()));
        return Accepted.of(incubatorId, getVersion());
    }

    @CommandHandler
    Accepted handle(RateIncubator command, Clock clock) {
        if (closedOn != null && command.year() > closedOn.getYear()) {
            throw LedgerRejection.conflict("year", command.year(), "must not be after the year the carrier closed ("
                    + closedOn + ")");
        }
        int thisYear = LocalDate.now(clock).getYear();
        if (command.year() > thisYear) {
            throw LedgerRejection.invalid("year", command.year(), "must not be after this year (" + thisYear + ")");
        }
        if (command.year() < openedOn.getYear()) {
            throw LedgerRejection.conflict("year", command.year(),
                                           "must not be before the year the carrier opened (" + openedOn + ")");
        }
        if (ratedYears.contains(command.year())) {
            throw LedgerRejection.conflict("year", command.year(), "the carrier is already rated for this year");
        }
        apply(new IncubatorRated(incubatorId, command.year(), command.rating()));
        return Accepted.of(incubatorId, getVersion());
    }

    @CommandHandler
    Accepted handle(CloseIncubator command, Clock clock) {
        if (closedOn != null) {
            throw LedgerRejection.conflict("incubatorId", incubatorId, "the carrier already closed on " + closedOn);
        }
        checkOpenOn("closedOn", command.closedOn(), clock);
        if (command.closedOn().isBefore(latestFactOn)) {
            throw LedgerRejection.conflict("closedOn", command.closedOn(), "must not be before the carrier's latest "
                    + "recorded fact (" + latestFactOn + ")");
        }
        apply(new IncubatorClosed(incubatorId, command.closedOn(), command.reason()));
        return Accepted.of(incubatorId, getVersion());
    }

    /** Whether the carrier can admit a tenant on the given date, and if not, why: it must be open on that day. */
    void checkAdmission(LocalDate admittedOn) {
        if (closedOn != null && !admittedOn.isBefore(closedOn)) {
            throw LedgerRejection.conflict("admittedOn", admittedOn,
                                           "must be before the carrier closed (" + closedOn + ")");
        }
        if (admittedOn.isBefore(openedOn)) {
            throw LedgerRejection.conflict("admittedOn", admittedOn,
                                           "must not be before the carrier opened (" + openedOn + ")");
        }
    }

    /** A fact of the carrier's dates from its opening to its closure, if it closed: late facts are welcome. */
    private void checkOpenOn(String field, LocalDate date, Clock clock) {
        Check.notAfter(field, date, LocalDate.now(clock));
        if (date.isBefore(openedOn)) {
            throw LedgerRejection.conflict(field, date, "must not be before the carrier opened (" + openedOn + ")");
        }
        if (closedOn != null && date.isAfter(closedOn)) {
            throw LedgerRejection.conflict(field, date, "must not be after the carrier closed (" + closedOn + ")");
        }
    }

    private void noteFact(LocalDate date) {
        if (latestFactOn == null || date.isAfter(latestFactOn)) {
            latestFactOn = date;
        }
    }

    @EventSourcingHandler
    void on(IncubatorRegistered event) {
        incubatorId = event.incubatorId();
        openedOn = event.openedOn();
        noteFact(event.openedOn());
    }

    @EventSourcingHandler
    void on(IncubatorAccredited event) {
        levels.put(event.accreditedOn(), event.level());
        noteFact(event.accreditedOn());
    }

    @EventSourcingHandler
    void on(FloorAreaChanged event) {
        noteFact(event.changedOn());
    }

    @EventSourcingHandler
    void on(StaffReported event) {
        noteFact(event.reportedOn());
    }

    @EventSourcingHandler
    void on(IncubatorRated event) {
        ratedYears.add(event.year());
    }

    @EventSourcingHandler
    void on(IncubatorClosed event) {
        closedOn = event.closedOn();
    }
}
