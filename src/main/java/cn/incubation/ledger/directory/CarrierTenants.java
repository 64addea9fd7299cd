package cn.incubation.ledger.directory;

import java.time.LocalDate;
import java.util.List;

/** A page of a carrier's tenants on {@code asOf}: {@code total} match the status asked in all. */
public record CarrierTenants(String incubatorId, LocalDate asOf, IncubationStatus status, long total, int page,
                             int size, List<TenantRow> tenants) {
}
