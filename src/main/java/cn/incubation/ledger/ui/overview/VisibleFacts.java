package cn.incubation.ledger.ui.overview;

import cn.incubation.ledger.regionaltotals.RecordedFacts;
import cn.incubation.ledger.security.LedgerPrincipal;
import cn.incubation.ledger.security.Role;
import org.springframework.security.core.Authentication;

import java.util.List;
import java.util.Set;

/**
 * The recorded facts a reader may see. They name carriers, tenants, investors and amounts, which the API shows an
 * operator for its own carriers only (histories, trails; a region's warnings not at all): so an operator's list is cut
 * to its carriers, while the figures, which name nobody, stay whole. Other roles that open the page read every
 * carrier's history.
 */
final class VisibleFacts {

    private VisibleFacts() {
    }

    /** Whether the reader sees only some carriers' facts. */
    static boolean isCut(Authentication reader) {
        return LedgerPrincipal.of(reader).map(p -> p.role() == Role.OPERATOR).orElse(true);
    }

    static RecordedFacts.Found of(RecordedFacts.Found found, Authentication reader) {
        if (!isCut(reader)) {
            return found;
        }
        Set<String> own = LedgerPrincipal.of(reader).map(LedgerPrincipal::incubators).orElse(Set.of());
        List<RecordedFacts.Fact> visible = found.facts().stream().filter(f -> own.contains(f.incubatorId())).toList();
        return new RecordedFacts.Found(found.regionCode(), found.after(), found.until(), visible, visible.size(),
                                       found.complete());
    }
}
