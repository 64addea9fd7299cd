package cn.incubation.ledger.regionaltotals;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A region's incubation indicators on a business date ({@code asOf}) as the ledger knew them at an instant
 * ({@code knownAt}): the stocks of DOMAIN.md, with investment received counted cumulatively. For an economic region,
 * {@code partialMembers} names the divisions that lie only partly inside it and count in full.
 */
public record RegionalTotals(String regionCode, LocalDate asOf, Instant knownAt, Carriers carriers,
                             BigDecimal floorAreaM2, long staff, long tenantsInIncubation, long teamsInIncubation,
                             long companiesIncubated, Graduated graduated, IpHeld ipHeld, long jobs,
                             InvestmentReceived investment,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<PartialMember> partialMembers) {

    /**
     * Open carriers: incubators with maker spaces (孵化器(含众创空间), the published row), all five kinds, by kind and by
     * accreditation level (unaccredited carriers count in no level).
     */
    public record Carriers(long incubatorsInclMakerSpaces, long total, Map<String, Long> byKind,
                           Map<String, Long> byLevel) {
    }

    /** Distinct companies graduated (累计毕业企业), and graduations (a company that graduated twice counts twice). */
    public record Graduated(long companies, long graduations) {
    }

    /**
     * IP held by tenants in incubation on {@code asOf} (在孵企业知识产权), by kind; and every grant ever made to tenants,
     * gone ones included (共获得), by kind.
     */
    public record IpHeld(long inIncubation, long cumulative, Map<String, Long> byKind,
                         Map<String, Long> cumulativeByKind) {
    }

    /** Investments received up to {@code asOf} and their sum in renminbi. */
    public record InvestmentReceived(long count, BigDecimal amountCny) {
    }

    /** A division that lies only partly inside an economic region; its figures count in full. */
    public record PartialMember(String code, String nameZh, String nameEn) {
    }
}
