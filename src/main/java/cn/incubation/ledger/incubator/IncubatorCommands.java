package cn.incubation.ledger.incubator;

import cn.incubation.ledger.shared.Check;
import cn.incubation.ledger.shared.LedgerRejection;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The commands an incubator operator gives about a carrier. Each validates its own fields; the rules that depend
 * on the carrier's state are the aggregate's. {@code expectedVersion}, when set, makes the command conditional on
 * the carrier's current version.
 */
public final class IncubatorCommands {

    private IncubatorCommands() {
    }

    /** Every command about a carrier names the carrier it concerns. */
    public interface IncubatorCommand {
        String incubatorId();
    }

    /** Register a carrier with the ledger. */
    public record RegisterIncubator(String incubatorId, String name, CarrierKind kind, String regionCode,
                                    String operator, LocalDate openedOn, BigDecimal floorAreaM2, Integer staff) implements IncubatorCommand {
        public RegisterIncubator {
            Check.id("incubatorId", incubatorId);
            name = Check.text("name", name, 200);
            Check.required("kind", kind);
            Check.required("regionCode", regionCode);
            operator = Check.text("operator", operator, 200);
            Check.date("openedOn", openedOn);
            Check.area("floorAreaM2", floorAreaM2);
            Check.count("staff", staff, Check.MOST_STAFF);
        }
    }

    /** Record that a carrier was accredited at a level. */
    public record AccreditIncubator(@TargetAggregateIdentifier String incubatorId, AccreditationLevel level,
                                    LocalDate accreditedOn, @TargetAggregateVersion Long expectedVersion) implements IncubatorCommand {
        public AccreditIncubator {
            Check.required("level", level);
            Check.date("accreditedOn", accreditedOn);
        }
    }

    /** Record a change of a carrier's incubation floor area. */
    public record ChangeFloorArea(@TargetAggregateIdentifier String incubatorId, BigDecimal floorAreaM2,
                                  LocalDate changedOn, @TargetAggregateVersion Long expectedVersion) implements IncubatorCommand {
        public ChangeFloorArea {
            Check.area("floorAreaM2", floorAreaM2);
            Check.date("changedOn", changedOn);
        }
    }

    /** Report how many staff manage incubation at a carrier. */
    public record ReportStaff(@TargetAggregateIdentifier String incubatorId, Integer staff, LocalDate reportedOn,
                              @TargetAggregateVersion Long expectedVersion) implements IncubatorCommand {
        public ReportStaff {
            Check.count("staff", staff, Check.MOST_STAFF);
            Check.date("reportedOn", reportedOn);
        }
    }

    /** Record a carrier's annual evaluation rating. */
    public record RateIncubator(@TargetAggregateIdentifier String incubatorId, Integer year, Rating rating,
                                @TargetAggregateVersion Long expectedVersion) implements IncubatorCommand {
        public RateIncubator {
            Check.required("year", year);
            if (year < Check.EARLIEST_DATE.getYear()) {
                throw LedgerRejection.invalid("year", year, "must not be before " + Check.EARLIEST_DATE.getYear());
            }
            Check.required("rating", rating);
        }
    }

    /** Record that a carrier closed. */
    public record CloseIncubator(@TargetAggregateIdentifier String incubatorId, LocalDate closedOn, String reason,
                                 @TargetAggregateVersion Long expectedVersion) implements IncubatorCommand {
        public CloseIncubator {
            Check.date("closedOn", closedOn);
            reason = Check.text("reason", reason, 500);
        }
    }
}
