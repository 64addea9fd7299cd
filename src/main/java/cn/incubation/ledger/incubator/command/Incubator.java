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
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * An incubation carrier: its registration, accreditation, floor area, staff, ratings and closure. A closed carrier
 * takes no further commands.
 */
@Aggregate(snapshotTriggerDefinition = "incubatorSnapshotTrigger", cache = "incubatorCache")
public class Incubator {

    @AggregateIdentifier
    private String incubatorId;
    private LocalDate openedOn;
    private AccreditationLevel level;
    private LocalDate closedOn;
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
        checkOpenOn("accreditedOn", command.accreditedOn(), clock);
        if (level != null && command.level().compareTo(level) < 0) {
            throw LedgerRejection.conflict("level", command.level(),
                                           "an accreditation level only rises; the carrier is already " + level);
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
        checkOpen();
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
        checkOpenOn("closedOn", command.closedOn(), clock);
        apply(new IncubatorClosed(incubatorId, command.closedOn(), command.reason()));
        return Accepted.of(incubatorId, getVersion());
    }

    /** Whether the carrier can admit a tenant on the given date, and if not, why. */
    void checkAdmission(LocalDate admittedOn) {
        if (closedOn != null) {
            throw LedgerRejection.conflict("incubatorId", incubatorId,
                                           "the carrier closed on " + closedOn + " and admits no tenants");
        }
        if (admittedOn.isBefore(openedOn)) {
            throw LedgerRejection.conflict("admittedOn", admittedOn,
                                           "must not be before the carrier opened (" + openedOn + ")");
        }
    }

    private void checkOpenOn(String field, LocalDate date, Clock clock) {
        checkOpen();
        Check.notAfter(field, date, LocalDate.now(clock));
        if (date.isBefore(openedOn)) {
            throw LedgerRejection.conflict(field, date, "must not be before the carrier opened (" + openedOn + ")");
        }
    }

    private void checkOpen() {
        if (closedOn != null) {
            throw LedgerRejection.conflict("incubatorId", incubatorId,
                                           "the carrier closed on " + closedOn + " and takes no further commands");
        }
    }

    @EventSourcingHandler
    void on(IncubatorRegistered event) {
        incubatorId = event.incubatorId();
        openedOn = event.openedOn();
    }

    @EventSourcingHandler
    void on(IncubatorAccredited event) {
        level = event.level();
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
