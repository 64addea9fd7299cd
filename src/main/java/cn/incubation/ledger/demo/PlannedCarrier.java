package cn.incubation.ledger.demo;

import cn.incubation.ledger.incubator.AccreditationLevel;
import cn.incubation.ledger.incubator.CarrierKind;
import cn.incubation.ledger.incubator.IncubatorCommands.AccreditIncubator;
import cn.incubation.ledger.region.Region;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A carrier as planned; its area and staff reports are scaled after the whole history is drawn. */
final class PlannedCarrier {
    String id;
    Region district;
    String city;
    CarrierKind kind;
    LocalDate openedOn;
    LocalDate closedOn;
    double weight;
    PlanItem register;
    PlanItem lastAccreditation;
    final List<PlanItem> areas = new ArrayList<>();
    final List<PlanItem> levels = new ArrayList<>();
    long lastRecorded;

    boolean openOn(LocalDate date) {
        return !openedOn.isAfter(date) && (closedOn == null || closedOn.isAfter(date));
    }

    /** The area item in force on {@code date}: registration or the latest change on or before it. */
    PlanItem areaOn(LocalDate date) {
        PlanItem current = null;
        for (PlanItem area : areas) {
            if (!area.date.isAfter(date)) {
                current = area;
            }
        }
        return current;
    }

    AccreditationLevel levelOn(LocalDate date) {
        AccreditationLevel level = null;
        for (PlanItem item : levels) {
            if (!item.date.isAfter(date)) {
                level = ((AccreditIncubator) item.build.apply(item)).level();
            }
        }
        return level;
    }
}
