package cn.incubation.ledger.history.projection;

import cn.incubation.ledger.incubator.IncubatorEvent.FloorAreaChanged;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorAccredited;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorClosed;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorRated;
import cn.incubation.ledger.incubator.IncubatorEvent.IncubatorRegistered;
import cn.incubation.ledger.incubator.IncubatorEvent.StaffReported;
import cn.incubation.ledger.shared.Decimals;
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

/** The one-line summary of each kind of fact in a timeline. */
final class Summaries {

    private Summaries() {
    }

    static String of(Object payload) {
        if (payload instanceof IncubatorRegistered e) {
            return "Registered " + e.name() + " (" + e.kind() + ") in region " + e.regionCode() + ", "
                    + Decimals.plain(e.floorAreaM2()) + " m², " + e.staff() + " staff";
        } else if (payload instanceof IncubatorAccredited e) {
            return "Accredited at level " + e.level();
        } else if (payload instanceof FloorAreaChanged e) {
            return "Floor area changed to " + Decimals.plain(e.floorAreaM2()) + " m²";
        } else if (payload instanceof StaffReported e) {
            return "Reported " + e.staff() + " incubation staff";
        } else if (payload instanceof IncubatorRated e) {
            return "Rated " + e.rating() + " for " + e.year();
        } else if (payload instanceof IncubatorClosed e) {
            return "Closed: " + e.reason();
        } else if (payload instanceof TenantAdmitted e) {
            return e.isTeam() ? "Admitted the team " + e.teamName() + ", sector " + e.sector()
                    : "Admitted " + e.companyName() + " (" + e.creditCode() + "), sector " + e.sector();
        } else if (payload instanceof CompanyRegistered e) {
            return "The team registered " + e.companyName() + " (" + e.creditCode() + ")";
        } else if (payload instanceof IpGranted e) {
            return "Granted " + e.kind() + " " + e.number() + ": " + e.title();
        } else if (payload instanceof InvestmentReceived e) {
            return "Received " + Decimals.plain(e.amount()) + " " + e.currency() + " (" + e.round() + ") from "
                    + e.investor();
        } else if (payload instanceof HeadcountReported e) {
            return "Reported a headcount of " + e.employees();
        } else if (payload instanceof MilestoneLogged e) {
            return "Reached " + e.kind() + ": " + e.description();
        } else if (payload instanceof TenantGraduated e) {
            return "Graduated: " + e.criterion();
        } else if (payload instanceof TenantWithdrawn e) {
            return "Withdrew: " + e.reason();
        } else if (payload instanceof InvestmentCorrected e) {
            return "Corrected investment " + e.investmentId() + " to " + Decimals.plain(e.amount()) + " "
                    + e.currency() + " (" + e.round() + ") from " + e.investor() + ": " + e.reason();
        } else if (payload instanceof InvestmentRetracted e) {
            return "Retracted investment " + e.investmentId() + ": " + e.reason();
        }
        return payload.getClass().getSimpleName();
    }
}
