package cn.incubation.ledger.ui.overview;

import cn.incubation.ledger.incubator.IncubatorEvent;
import cn.incubation.ledger.incubator.IncubatorEvent.FloorAreaChanged;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorAccredited;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorClosed;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorRated;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorRegistered;
import cn.incubation.ledger.incubator.IncubatorEvent.StaffReported;
import cn.incubation.ledger.tenant.TenantEvent.CompanyRegistered;
import cn.incubation.ledger.tenant.TenantEvent.HeadcountReported;
import cn.incubation.ledger.tenant.TenantEvent.InvestmentCorrected;
import cn.incubation.ledger.tenant.TenantEvent.InvestmentReceived;
import cn.incubation.ledger.tenant.TenantEvent.InvestmentRetracted;
import cn.incubation.ledger.tenant.TenantEvent.IpGranted;
import cn.incubation.ledger.tenant.TenantEvent.MilestoneLogged;
import cn.incubation.ledger.tenant.TenantEvent.TenantAdmitted;
import cn.incubation.ledger.tenant.TenantEvent.TenantGraduated;
import cn.incubation.ledger.tenant.TenantEvent.TenantWithdrawn;
import org.springframework.context.MessageSource;

import java.math.BigDecimal;
import java.util.Locale;

/** A recorded fact in one line of the reader's language: what happened, with the figures it changed. */
final class FactDescriptions {

    private final MessageSource messages;
    private final Locale locale;

    FactDescriptions(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
    }

    String describe(Record event) {
        if (event instanceof IncubatorRegistered e) {
            return text("fact.IncubatorRegistered", e.name(), label("kind." + e.kind()), plain(e.floorAreaM2()),
                        e.staff());
        }
        if (event instanceof IncubatorAccredited e) {
            return text("fact.IncubatorAccredited", label("level." + e.level()));
        }
        if (event instanceof FloorAreaChanged e) {
            return text("fact.FloorAreaChanged", plain(e.floorAreaM2()));
        }
        if (event instanceof StaffReported e) {
            return text("fact.StaffReported", e.staff());
        }
        if (event instanceof IncubatorRated e) {
            return text("fact.IncubatorRated", String.valueOf(e.year()), label("rating." + e.rating()));
        }
        if (event instanceof IncubatorClosed e) {
            return text("fact.IncubatorClosed", e.reason());
        }
        if (event instanceof TenantAdmitted e && e.isTeam()) {
            return text("fact.TenantAdmitted.team", e.teamName(), e.sector());
        }
        if (event instanceof TenantAdmitted e) {
            return text("fact.TenantAdmitted", e.companyName(), e.creditCode(), e.sector());
        }
        if (event instanceof CompanyRegistered e) {
            return text("fact.CompanyRegistered", e.companyName(), e.creditCode());
        }
        if (event instanceof IpGranted e) {
            return text("fact.IpGranted", label("ipKind." + e.kind()), e.number(), e.title());
        }
        if (event instanceof InvestmentReceived e) {
            return text("fact.InvestmentReceived", plain(e.amount()), e.currency(), e.round(), e.investor());
        }
        if (event instanceof HeadcountReported e) {
            return text("fact.HeadcountReported", e.employees());
        }
        if (event instanceof MilestoneLogged e) {
            return text("fact.MilestoneLogged", e.description());
        }
        if (event instanceof TenantGraduated e) {
            return text("fact.TenantGraduated", e.criterion());
        }
        if (event instanceof TenantWithdrawn e) {
            return text("fact.TenantWithdrawn", e.reason());
        }
        if (event instanceof InvestmentCorrected e) {
            return text("fact.InvestmentCorrected", e.investmentId(), plain(e.amount()), e.currency(), e.reason());
        }
        if (event instanceof InvestmentRetracted e) {
            return text("fact.InvestmentRetracted", e.investmentId(), e.reason());
        }
        return event.getClass().getSimpleName();
    }

    /** The kind of fact alone, for a column of its own. */
    String kind(Record event) {
        return event instanceof IncubatorEvent ? label("changes.carrier") : label("changes.tenant");
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, key, locale);
    }

    private String label(String key) {
        return messages.getMessage(key, null, key, locale);
    }

    /** Figures as typed, never in MessageFormat's grouped style: an area of 12000.5 stays 12000.5. */
    private static String plain(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }
}
