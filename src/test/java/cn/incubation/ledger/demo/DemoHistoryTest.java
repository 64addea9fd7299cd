package cn.incubation.ledger.demo;

import cn.incubation.ledger.demo.PublishedTargets.Indicator;
import cn.incubation.ledger.demo.PublishedTargets.Stocks;
import cn.incubation.ledger.incubator.CarrierKind;
import cn.incubation.ledger.incubator.IncubatorCommands.AccreditIncubator;
import cn.incubation.ledger.incubator.IncubatorCommands.ChangeFloorArea;
import cn.incubation.ledger.incubator.IncubatorCommands.CloseIncubator;
import cn.incubation.ledger.incubator.IncubatorCommands.RegisterIncubator;
import cn.incubation.ledger.incubator.IncubatorCommands.ReportStaff;
import cn.incubation.ledger.region.RegionCatalog;
import cn.incubation.ledger.shared.CreditCode;
import cn.incubation.ledger.tenant.TenantCommands.AdmitTenant;
import cn.incubation.ledger.tenant.TenantCommands.CorrectInvestment;
import cn.incubation.ledger.tenant.TenantCommands.GrantIp;
import cn.incubation.ledger.tenant.TenantCommands.GraduateTenant;
import cn.incubation.ledger.tenant.TenantCommands.LogMilestone;
import cn.incubation.ledger.tenant.TenantCommands.ReceiveInvestment;
import cn.incubation.ledger.tenant.TenantCommands.RegisterCompany;
import cn.incubation.ledger.tenant.TenantCommands.ReportHeadcount;
import cn.incubation.ledger.tenant.TenantCommands.RetractInvestment;
import cn.incubation.ledger.tenant.TenantCommands.WithdrawTenant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The demo history as a list: deterministic, made of valid commands in an order the ledger accepts, and landing on
 * the published stocks, counted here straight from the indicators' definitions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoHistoryTest {

    static final double SCALE = 0.02;
    static final LocalDate END_13TH = DemoHistory.END_13TH_PLAN;
    static final LocalDate END_14TH = DemoHistory.LAST_DAY;

    RegionCatalog regions;
    List<PlannedCommand> history;

    @BeforeAll
    void generate() {
        regions = RegionCatalog.load(Path.of("config", "regions.yaml"));
        history = DemoHistory.generate(regions, "chengyu", SCALE, 42);
    }

    @Test
    void theSameSeedGivesTheSameHistory() {
        assertThat(DemoHistory.generate(regions, "chengyu", SCALE, 42)).isEqualTo(history);
    }

    @Test
    void anotherSeedGivesAnotherHistory() {
        List<PlannedCommand> other = DemoHistory.generate(regions, "chengyu", SCALE, 43);
        assertThat(other).isNotEqualTo(history);
        assertThat(other.get(0)).isNotEqualTo(history.get(0));
    }

    @Test
    void everyCreditCodeIsValidAndRegisteredInTheCircle() {
        Set<String> leaves = regions.leaves("chengyu");
        int companies = 0;
        for (PlannedCommand planned : history) {
            CreditCode credit = planned.command() instanceof AdmitTenant admit ? admit.creditCode()
                    : planned.command() instanceof RegisterCompany register ? register.creditCode() : null;
            if (credit != null) {
                String code = credit.value();
                assertThat(new CreditCode(code).value()).isEqualTo(code);
                assertThat(code.charAt(17)).isEqualTo(CreditCode.checkCharacter(code.substring(0, 17)));
                assertThat(code).startsWith("91");
                assertThat(leaves).contains(code.substring(2, 8));
                companies++;
            }
        }
        assertThat(companies).isGreaterThan(100);
    }

    @Test
    void carriersAreInTheCirclesDistricts() {
        Set<String> leaves = regions.leaves("chengyu");
        Set<String> used = new HashSet<>();
        for (PlannedCommand planned : history) {
            if (planned.command() instanceof RegisterIncubator register) {
                assertThat(leaves).contains(register.regionCode());
                used.add(register.regionCode());
            }
        }
        assertThat(used.size()).isGreaterThan(5);
    }

    /**
     * Every command obeys the rules as the ledger judges them, by business dates: a closed carrier takes facts dated
     * up to its closure, accreditation levels never fall from one date to a later one whatever order they were
     * recorded in, and a company is in incubation at one carrier at a time (a team from its registration).
     */
    @Test
    void commandsAreInRecordOrderAndAfterWhatTheyDependOn() {
        Map<String, RegisterIncubator> carriers = new HashMap<>();
        Map<String, LocalDate> closed = new HashMap<>();
        Map<String, AdmitTenant> tenants = new HashMap<>();
        Map<String, String> codes = new HashMap<>();
        Map<String, LocalDate> ended = new HashMap<>();
        Map<String, String> companyIn = new HashMap<>();
        Map<String, LocalDate> companyFree = new HashMap<>();
        Map<String, Set<String>> ipNumbers = new HashMap<>();
        Map<String, Set<String>> investments = new HashMap<>();
        Map<String, TreeMap<LocalDate, Integer>> levels = new HashMap<>();
        Instant previous = Instant.MIN;
        for (PlannedCommand planned : history) {
            assertThat(planned.recordedAt()).isAfterOrEqualTo(previous);
            previous = planned.recordedAt();
            Object command = planned.command();
            LocalDate learned = planned.recordedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate();
            if (command instanceof RegisterIncubator r) {
                assertThat(carriers.put(r.incubatorId(), r)).isNull();
                assertThat(r.openedOn()).isBefore(END_14TH).isBeforeOrEqualTo(learned);
                continue;
            }
            if (command instanceof AdmitTenant a) {
                assertThat(carriers).containsKey(a.incubatorId());
                if (closed.containsKey(a.incubatorId())) {
                    assertThat(a.admittedOn()).isBefore(closed.get(a.incubatorId()));
                }
                assertThat(a.admittedOn()).isAfterOrEqualTo(carriers.get(a.incubatorId()).openedOn())
                                          .isBeforeOrEqualTo(END_14TH).isBeforeOrEqualTo(learned);
                if (!a.isTeam()) {
                    claim(a.creditCode().value(), a.tenantId(), a.admittedOn(), companyIn, companyFree);
                    codes.put(a.tenantId(), a.creditCode().value());
                }
                assertThat(tenants.put(a.tenantId(), a)).isNull();
                continue;
            }
            String incubator = incubatorOf(command);
            if (incubator != null) {
                assertThat(carriers).containsKey(incubator);
                LocalDate on = incubatorDate(command);
                if (closed.containsKey(incubator)) {
                    assertThat(on).as("%s after its carrier closed", command)
                                  .isBeforeOrEqualTo(closed.get(incubator));
                }
                assertThat(on).isAfterOrEqualTo(carriers.get(incubator).openedOn()).isBeforeOrEqualTo(END_14TH)
                              .isBeforeOrEqualTo(learned);
                if (command instanceof AccreditIncubator a) {
                    TreeMap<LocalDate, Integer> byDate = levels.computeIfAbsent(incubator, k -> new TreeMap<>());
                    Map.Entry<LocalDate, Integer> before = byDate.lowerEntry(a.accreditedOn());
                    Map.Entry<LocalDate, Integer> after = byDate.higherEntry(a.accreditedOn());
                    assertThat(before == null || before.getValue() <= a.level().ordinal()).isTrue();
                    assertThat(after == null || after.getValue() >= a.level().ordinal()).isTrue();
                    byDate.put(a.accreditedOn(), a.level().ordinal());
                }
                if (command instanceof CloseIncubator c) {
                    assertThat(closed.put(incubator, c.closedOn())).isNull();
                }
                continue;
            }
            String tenant = tenantOf(command);
            AdmitTenant admission = tenants.get(tenant);
            assertThat(admission).as("%s before its admission", command).isNotNull();
            LocalDate on = tenantDate(command);
            if (on != null) {
                assertThat(on).isAfterOrEqualTo(admission.admittedOn()).isBeforeOrEqualTo(END_14TH)
                              .isBeforeOrEqualTo(learned);
                if (ended.containsKey(tenant)) {
                    assertThat(on).isBeforeOrEqualTo(ended.get(tenant));
                }
            }
            if (command instanceof RegisterCompany r) {
                assertThat(admission.isTeam()).isTrue();
                assertThat(codes.put(tenant, r.creditCode().value())).isNull();
                claim(r.creditCode().value(), tenant, r.registeredOn(), companyIn, companyFree);
            }
            if (command instanceof GrantIp g) {
                assertThat(ipNumbers.computeIfAbsent(tenant, t -> new HashSet<>()).add(g.number())).isTrue();
            }
            if (command instanceof ReceiveInvestment r) {
                assertThat(investments.computeIfAbsent(tenant, t -> new HashSet<>()).add(r.investmentId())).isTrue();
            }
            if (command instanceof CorrectInvestment c) {
                assertThat(investments.get(tenant)).contains(c.investmentId());
            }
            if (command instanceof RetractInvestment r) {
                assertThat(investments.get(tenant)).contains(r.investmentId());
            }
            if (command instanceof GraduateTenant || command instanceof WithdrawTenant) {
                assertThat(ended.put(tenant, on)).isNull();
                String code = codes.get(tenant);
                if (code != null) {
                    companyIn.remove(code);
                    companyFree.put(code, on);
                }
            }
        }
        assertThat(closed).isNotEmpty();
        assertThat(ended).isNotEmpty();
    }

    private static void claim(String company, String tenant, LocalDate from, Map<String, String> companyIn,
                              Map<String, LocalDate> companyFree) {
        assertThat(companyIn.get(company)).as("%s is in incubation elsewhere", company).isNull();
        if (companyFree.containsKey(company)) {
            assertThat(from).isAfterOrEqualTo(companyFree.get(company));
        }
        companyIn.put(company, tenant);
    }

    /**
     * The demo exercises what the rules by business date allow and the warnings look for: teams, with and without a
     * company; an earlier, lower accreditation recorded after a later one; facts of a closed carrier recorded after its
     * closure; a tenant left in incubation at a closed carrier; an incubation beyond 48 months; a company admitted
     * more than 24 months after it was founded.
     */
    @Test
    void theHistoryHoldsLateEntriesTeamsAndWhatTheWarningsLookFor() {
        Map<String, RegisterIncubator> carriers = new HashMap<>();
        Map<String, Instant> closureRecorded = new HashMap<>();
        Map<String, LocalDate> closedOn = new HashMap<>();
        Map<String, TreeMap<LocalDate, Integer>> levels = new HashMap<>();
        Map<String, AdmitTenant> tenants = new HashMap<>();
        Map<String, LocalDate> ends = new HashMap<>();
        int teams = 0;
        int registrations = 0;
        int backFilledLevels = 0;
        int lateFactsOfClosedCarriers = 0;
        int admittedOld = 0;
        for (PlannedCommand planned : history) {
            Object c = planned.command();
            if (c instanceof RegisterIncubator r) {
                carriers.put(r.incubatorId(), r);
            } else if (c instanceof AdmitTenant a) {
                tenants.put(a.tenantId(), a);
                teams += a.isTeam() ? 1 : 0;
                if (!a.isTeam() && a.foundedOn().plusMonths(24).isBefore(a.admittedOn())) {
                    admittedOld++;
                }
                if (closureRecorded.containsKey(a.incubatorId())) {
                    lateFactsOfClosedCarriers++;
                }
            } else if (c instanceof RegisterCompany) {
                registrations++;
            } else if (c instanceof GraduateTenant g) {
                ends.put(g.tenantId(), g.graduatedOn());
            } else if (c instanceof WithdrawTenant w) {
                ends.put(w.tenantId(), w.withdrawnOn());
            } else if (incubatorOf(c) != null) {
                String incubator = incubatorOf(c);
                if (closureRecorded.containsKey(incubator)) {
                    lateFactsOfClosedCarriers++;
                }
                if (c instanceof CloseIncubator x) {
                    closureRecorded.put(incubator, planned.recordedAt());
                    closedOn.put(incubator, x.closedOn());
                } else if (c instanceof AccreditIncubator a) {
                    TreeMap<LocalDate, Integer> byDate = levels.computeIfAbsent(incubator, k -> new TreeMap<>());
                    if (byDate.higherKey(a.accreditedOn()) != null) {
                        backFilledLevels++;
                    }
                    byDate.put(a.accreditedOn(), a.level().ordinal());
                }
            }
        }
        long leftAtClosedCarriers = tenants.values().stream()
                                           .filter(t -> closedOn.containsKey(t.incubatorId())
                                                   && !ends.containsKey(t.tenantId())).count();
        long beyond48Months = tenants.values().stream()
                                     .filter(t -> t.admittedOn().plusMonths(48).isBefore(
                                             ends.getOrDefault(t.tenantId(), END_14TH))).count();
        assertThat(teams).as("teams").isGreaterThan(registrations).isGreaterThan(50);
        assertThat(registrations).as("teams that registered a company").isGreaterThan(10);
        assertThat(backFilledLevels).as("earlier accreditations recorded after later ones").isPositive();
        assertThat(lateFactsOfClosedCarriers).as("facts of a closed carrier recorded after its closure").isPositive();
        assertThat(leftAtClosedCarriers).as("tenants left in incubation at a closed carrier").isPositive();
        assertThat(beyond48Months).as("incubations beyond 48 months").isPositive();
        assertThat(admittedOld).as("companies admitted more than 24 months after their founding").isPositive();
    }

    @Test
    void theHistoryHasEveryKindOfFactIncludingLateAndCorrectedOnes() {
        Map<String, Integer> kinds = new TreeMap<>();
        history.forEach(p -> kinds.merge(p.command().getClass().getSimpleName(), 1, Integer::sum));
        assertThat(kinds).containsKeys("RegisterIncubator", "AccreditIncubator", "ChangeFloorArea", "ReportStaff",
                                       "RateIncubator", "CloseIncubator", "AdmitTenant", "GrantIp",
                                       "ReceiveInvestment", "ReportHeadcount", "LogMilestone", "GraduateTenant",
                                       "WithdrawTenant", "CorrectInvestment", "RegisterCompany");
        long months = history.stream().filter(p -> p.recordedAt().isAfter(
                businessDate(p.command()).plusDays(60).atStartOfDay(java.time.ZoneOffset.UTC).toInstant())
                && businessDate(p.command()).getYear() >= 2016).count();
        assertThat(months).as("facts recorded more than two months late").isGreaterThan(history.size() / 100);
        Map<String, Set<String>> kindsOfCarrier = new HashMap<>();
        Map<String, String> kindOf = new HashMap<>();
        history.forEach(p -> {
            if (p.command() instanceof RegisterIncubator r) {
                kindOf.put(r.incubatorId(), r.kind().name());
            } else if (p.command() instanceof AdmitTenant a && !a.isTeam()) {
                kindsOfCarrier.computeIfAbsent(a.creditCode().value(), c -> new HashSet<>())
                              .add(kindOf.get(a.incubatorId()));
            }
        });
        assertThat(kindsOfCarrier.values()).anyMatch(k -> k.containsAll(Set.of("MAKER_SPACE", "INCUBATOR")));
    }

    @Test
    void theSixPublishedStocksAreHitExactlyAtThisScale() {
        assertStocks(history, SCALE);
    }

    @Test
    void aSmallerScaleStillHitsItsStocks() {
        assertStocks(DemoHistory.generate(regions, "chengyu", 0.005, 7), 0.005);
    }

    @Test
    void scaledTargetsKeepThePublishedGrowth() {
        for (double scale : new double[] {0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5, 1.0}) {
            PublishedTargets.at(scale).forEach((indicator, stocks) ->
                    assertThat(stocks.growthPercent()).as("%s at %s", indicator, scale)
                                                      .isCloseTo(published(indicator).growthPercent(), within(1.0)));
        }
        PublishedTargets.at(1.0).forEach((indicator, stocks) -> {
            assertThat((double) stocks.end2025()).isCloseTo(indicator.published2025(), within(0.0));
            assertThat(stocks.growthPercent()).isCloseTo(indicator.publishedGrowthPercent(), within(0.05));
        });
    }

    static Stocks published(Indicator indicator) {
        return new Stocks(indicator.derived2020(), indicator.published2025());
    }

    // ------------------------------------------------------------------ the indicators, from their definitions

    static void assertStocks(List<PlannedCommand> history, double scale) {
        Map<Indicator, Stocks> targets = PublishedTargets.at(scale);
        for (LocalDate date : List.of(END_13TH, END_14TH)) {
            Map<Indicator, Long> actual = stocks(history, date);
            for (Indicator indicator : Indicator.values()) {
                Stocks target = targets.get(indicator);
                long expected = date.equals(END_13TH) ? target.end2020() : target.end2025();
                if (indicator == Indicator.FLOOR_AREA) {
                    assertThat((double) actual.get(indicator)).as("%s on %s", indicator, date)
                                                              .isCloseTo(expected, within(expected * 0.001));
                } else {
                    assertThat(actual.get(indicator)).as("%s on %s", indicator, date).isEqualTo(expected);
                }
            }
        }
    }

    /** The six stocks on a date, each computed as DOMAIN.md defines it, from the commands in record order. */
    static Map<Indicator, Long> stocks(List<PlannedCommand> history, LocalDate date) {
        Map<String, LocalDate> opened = new HashMap<>();
        Map<String, CarrierKind> kinds = new HashMap<>();
        Map<String, LocalDate> closedOn = new HashMap<>();
        Map<String, TreeMap<LocalDate, BigDecimal>> area = new HashMap<>();
        Map<String, TreeMap<LocalDate, Integer>> staff = new HashMap<>();
        Map<String, AdmitTenant> tenants = new HashMap<>();
        Map<String, LocalDate> endedOn = new HashMap<>();
        Map<String, TreeMap<LocalDate, Integer>> headcounts = new HashMap<>();
        Set<String> companies = new HashSet<>();
        long ip = 0;
        for (PlannedCommand planned : history) {
            Object c = planned.command();
            if (c instanceof RegisterIncubator r) {
                opened.put(r.incubatorId(), r.openedOn());
                kinds.put(r.incubatorId(), r.kind());
                area.computeIfAbsent(r.incubatorId(), k -> new TreeMap<>()).put(r.openedOn(), r.floorAreaM2());
                staff.computeIfAbsent(r.incubatorId(), k -> new TreeMap<>()).put(r.openedOn(), r.staff());
            } else if (c instanceof ChangeFloorArea f) {
                area.get(f.incubatorId()).put(f.changedOn(), f.floorAreaM2());
            } else if (c instanceof ReportStaff s) {
                staff.get(s.incubatorId()).put(s.reportedOn(), s.staff());
            } else if (c instanceof CloseIncubator x) {
                closedOn.put(x.incubatorId(), x.closedOn());
            } else if (c instanceof AdmitTenant a) {
                tenants.put(a.tenantId(), a);
                if (!a.isTeam() && !a.admittedOn().isAfter(date)) {
                    companies.add(a.creditCode().value());
                }
            } else if (c instanceof RegisterCompany r) {
                // A team is its company from the day it registered it.
                if (!r.registeredOn().isAfter(date)) {
                    companies.add(r.creditCode().value());
                }
            } else if (c instanceof GrantIp g && !g.grantedOn().isAfter(date)) {
                ip++;
            } else if (c instanceof ReportHeadcount h) {
                headcounts.computeIfAbsent(h.tenantId(), k -> new TreeMap<>()).put(h.reportedOn(), h.employees());
            } else if (c instanceof GraduateTenant g) {
                endedOn.put(g.tenantId(), g.graduatedOn());
            } else if (c instanceof WithdrawTenant w) {
                endedOn.put(w.tenantId(), w.withdrawnOn());
            }
        }
        long carriers = 0;
        BigDecimal floor = BigDecimal.ZERO;
        long staffTotal = 0;
        for (Map.Entry<String, LocalDate> carrier : opened.entrySet()) {
            LocalDate closed = closedOn.get(carrier.getKey());
            if (carrier.getValue().isAfter(date) || closed != null && !closed.isAfter(date)) {
                continue;
            }
            // The published row counts incubators with maker spaces; floor area and staff are every open carrier's.
            if (kinds.get(carrier.getKey()) == CarrierKind.INCUBATOR
                    || kinds.get(carrier.getKey()) == CarrierKind.MAKER_SPACE) {
                carriers++;
            }
            floor = floor.add(area.get(carrier.getKey()).floorEntry(date).getValue());
            staffTotal += staff.get(carrier.getKey()).floorEntry(date).getValue();
        }
        long jobs = 0;
        for (AdmitTenant tenant : tenants.values()) {
            LocalDate ended = endedOn.get(tenant.tenantId());
            if (tenant.admittedOn().isAfter(date) || ended != null && !ended.isAfter(date)) {
                continue;
            }
            TreeMap<LocalDate, Integer> reports = headcounts.get(tenant.tenantId());
            if (reports != null && reports.floorEntry(date) != null) {
                jobs += reports.floorEntry(date).getValue();
            }
        }
        return Map.of(Indicator.CARRIERS, carriers, Indicator.FLOOR_AREA, floor.longValue(), Indicator.STAFF,
                      staffTotal, Indicator.COMPANIES, (long) companies.size(), Indicator.IP_HELD, ip,
                      Indicator.JOBS, jobs);
    }

    // ------------------------------------------------------------------ reading commands

    static String incubatorOf(Object command) {
        if (command instanceof AccreditIncubator c) {
            return c.incubatorId();
        } else if (command instanceof ChangeFloorArea c) {
            return c.incubatorId();
        } else if (command instanceof ReportStaff c) {
            return c.incubatorId();
        } else if (command instanceof cn.incubation.ledger.incubator.IncubatorCommands.RateIncubator c) {
            return c.incubatorId();
        } else if (command instanceof CloseIncubator c) {
            return c.incubatorId();
        }
        return null;
    }

    static LocalDate incubatorDate(Object command) {
        if (command instanceof AccreditIncubator c) {
            return c.accreditedOn();
        } else if (command instanceof ChangeFloorArea c) {
            return c.changedOn();
        } else if (command instanceof ReportStaff c) {
            return c.reportedOn();
        } else if (command instanceof cn.incubation.ledger.incubator.IncubatorCommands.RateIncubator c) {
            return LocalDate.of(c.year(), 12, 31);
        } else if (command instanceof CloseIncubator c) {
            return c.closedOn();
        }
        throw new IllegalArgumentException(command.toString());
    }

    static String tenantOf(Object command) {
        if (command instanceof GrantIp c) {
            return c.tenantId();
        } else if (command instanceof ReceiveInvestment c) {
            return c.tenantId();
        } else if (command instanceof ReportHeadcount c) {
            return c.tenantId();
        } else if (command instanceof LogMilestone c) {
            return c.tenantId();
        } else if (command instanceof CorrectInvestment c) {
            return c.tenantId();
        } else if (command instanceof RetractInvestment c) {
            return c.tenantId();
        } else if (command instanceof GraduateTenant c) {
            return c.tenantId();
        } else if (command instanceof WithdrawTenant c) {
            return c.tenantId();
        } else if (command instanceof RegisterCompany c) {
            return c.tenantId();
        }
        throw new IllegalArgumentException(command.toString());
    }

    /** The business date of a tenant's fact; null for corrections and retractions, which concern an earlier one. */
    static LocalDate tenantDate(Object command) {
        if (command instanceof GrantIp c) {
            return c.grantedOn();
        } else if (command instanceof ReceiveInvestment c) {
            return c.receivedOn();
        } else if (command instanceof ReportHeadcount c) {
            return c.reportedOn();
        } else if (command instanceof LogMilestone c) {
            return c.reachedOn();
        } else if (command instanceof GraduateTenant c) {
            return c.graduatedOn();
        } else if (command instanceof WithdrawTenant c) {
            return c.withdrawnOn();
        } else if (command instanceof RegisterCompany c) {
            return c.registeredOn();
        }
        return null;
    }

    static LocalDate businessDate(Object command) {
        if (command instanceof RegisterIncubator r) {
            return r.openedOn();
        }
        if (command instanceof AdmitTenant a) {
            return a.admittedOn();
        }
        if (incubatorOf(command) != null) {
            return incubatorDate(command);
        }
        LocalDate date = tenantDate(command);
        return date != null ? date : LocalDate.MIN.plusYears(1);
    }
}
