package cn.incubation.ledger.directory;

import cn.incubation.ledger.incubator.AccreditationLevel;
import cn.incubation.ledger.incubator.CarrierKind;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A carrier as the carrier list shows it on a date: its level, floor area and status on that date ({@code closedOn}
 * only once closed by it), and its companies and teams in incubation as of today, which only a list as of today has.
 */
public record CarrierRow(String id, String name, CarrierKind kind, AccreditationLevel level, String regionCode,
                         String regionNameZh, LocalDate openedOn, LocalDate closedOn, CarrierStatus status,
                         BigDecimal floorAreaM2, Integer companiesInIncubation, Integer teamsInIncubation) {

    /** Companies and teams together, or null where the counts are not given. */
    public Integer tenantsInIncubation() {
        return companiesInIncubation == null ? null : companiesInIncubation + teamsInIncubation;
    }
}
