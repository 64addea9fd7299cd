package cn.incubation.ledger.directory.projection;

import cn.incubation.ledger.directory.CarrierRow;
import cn.incubation.ledger.directory.CarrierStatus;
import cn.incubation.ledger.directory.IncubationStatus;
import cn.incubation.ledger.directory.TenantRow;
import cn.incubation.ledger.incubator.AccreditationLevel;
import cn.incubation.ledger.incubator.CarrierKind;
import org.bson.Document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/** The rows of the lists as the directory projection stores them, read on a business date. */
final class StoredRows {

    private StoredRows() {
    }

    /**
     * A carrier's row on {@code asOf} from its entry in a division's document; null when it was not yet open then, or
     * its registration never reached the projection. Levels and floor areas are the latest dated on or before
     * {@code asOf} (the same date: the later recorded); tenant counts only when {@code withCounts}.
     */
    static CarrierRow carrier(String id, Document entry, String regionCode, String regionNameZh, LocalDate asOf,
                              boolean withCounts) {
        String name = entry.getString("n");
        if (name == null) {
            return null;
        }
        LocalDate openedOn = LocalDate.parse(entry.getString("o"));
        if (openedOn.isAfter(asOf)) {
            return null;
        }
        String closed = entry.getString("x");
        LocalDate closedOn = closed == null || LocalDate.parse(closed).isAfter(asOf) ? null : LocalDate.parse(closed);
        String level = latest(entry.get("l", Document.class), asOf);
        String area = latest(entry.get("a", Document.class), asOf);
        Integer companies = withCounts ? count(entry, "tc") : null;
        Integer teams = withCounts ? count(entry, "tt") : null;
        return new CarrierRow(id, name, CarrierKind.valueOf(entry.getString("k")),
                              level == null ? null : AccreditationLevel.valueOf(level), regionCode, regionNameZh,
                              openedOn, closedOn, closedOn == null ? CarrierStatus.OPEN : CarrierStatus.CLOSED,
                              area == null ? null : new BigDecimal(area), companies, teams);
    }

    /**
     * The value of the latest of {@code v<sequence>: "date|value"} facts dated on or before {@code asOf}; of two on
     * the same date, the one with the higher sequence.
     */
    private static String latest(Document facts, LocalDate asOf) {
        if (facts == null) {
            return null;
        }
        String best = null;
        String bestDate = null;
        long bestSequence = -1;
        String until = asOf.toString();
        for (Map.Entry<String, Object> fact : facts.entrySet()) {
            String text = (String) fact.getValue();
            int bar = text.indexOf('|');
            String date = text.substring(0, bar);
            long sequence = Long.parseLong(fact.getKey().substring(1));
            if (date.compareTo(until) > 0) {
                continue;
            }
            int byDate = bestDate == null ? 1 : date.compareTo(bestDate);
            if (byDate > 0 || byDate == 0 && sequence > bestSequence) {
                best = text.substring(bar + 1);
                bestDate = date;
                bestSequence = sequence;
            }
        }
        return best;
    }

    private static int count(Document entry, String field) {
        Number n = entry.get(field, Number.class);
        return n == null ? 0 : n.intValue();
    }

    /**
     * An incubation's row on {@code asOf}, from a tenant's document or its entry in its carrier's; null when it was not
     * yet admitted then, or its admission never reached the projection. A registration after {@code asOf} is left out,
     * as is an end after it.
     */
    static TenantRow tenant(String tenantId, String incubatorId, Document row, LocalDate asOf) {
        String admitted = row.getString("ad");
        if (admitted == null || LocalDate.parse(admitted).isAfter(asOf)) {
            return null;
        }
        String registered = row.getString("rd");
        boolean teamOnly = registered != null && LocalDate.parse(registered).isAfter(asOf);
        String ended = row.getString("ed");
        boolean over = ended != null && !LocalDate.parse(ended).isAfter(asOf);
        return new TenantRow(tenantId, incubatorId, teamOnly ? null : row.getString("cn"), row.getString("tn"),
                             teamOnly ? null : row.getString("cc"), LocalDate.parse(admitted),
                             teamOnly || registered == null ? null : LocalDate.parse(registered),
                             over ? LocalDate.parse(ended) : null,
                             over ? IncubationStatus.valueOf(row.getString("es")) : IncubationStatus.IN_INCUBATION);
    }
}
