package cn.incubation.ledger.ui.carrier;

import cn.incubation.ledger.history.FindIncubatorHistory;
import cn.incubation.ledger.history.HistoryEntry;
import cn.incubation.ledger.history.HistoryPage;
import cn.incubation.ledger.history.IncubatorHistory;
import cn.incubation.ledger.incubatorstate.IncubatorState;
import cn.incubation.ledger.incubatorstate.IncubatorStates;
import cn.incubation.ledger.region.RegionCatalog;
import cn.incubation.ledger.report.Table;
import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.ui.PageLinks;
import cn.incubation.ledger.ui.PageTimes;
import cn.incubation.ledger.ui.parts.Downloads;
import cn.incubation.ledger.ui.parts.FactText;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A carrier's page: its state on a business date as known at an instant, its tenants by where they stand, its
 * tenants, jobs and IP by year as charts, and its timeline page by page, filtered by event type; each table also as a
 * download ({@code /carriers/{id}/export}).
 */
@Controller
class CarrierController {

    static final String PATH = "/carriers/{id}";
    /** Years the charts go back from the date asked about: a decade, as the overview's yearly charts. */
    static final int CHART_YEARS = 10;
    /** A download of the timeline stops here: more is a job for the report command, not a page. */
    static final int MAX_EXPORTED_FACTS = 10_000;

    private final IncubatorStates states;
    private final IncubatorHistory history;
    private final CarrierSeries series;
    private final RegionCatalog regions;
    private final PageTimes times;
    private final MessageSource messages;

    CarrierController(IncubatorStates states, IncubatorHistory history, CarrierSeries series, RegionCatalog regions,
                      PageTimes times, MessageSource messages) {
        this.states = states;
        this.history = history;
        this.series = series;
        this.regions = regions;
        this.times = times;
        this.messages = messages;
    }

    @GetMapping(PATH)
    String carrier(@PathVariable String id, @ModelAttribute("form") CarrierForm form, BindingResult errors,
                   HttpServletRequest request, Locale locale, Model model) {
        CarrierQuery query = CarrierQuery.of(id, form, errors, times);
        model.addAttribute("incubatorId", id);
        model.addAttribute("types", FindIncubatorHistory.KNOWN_TYPES);
        model.addAttribute("links", new PageLinks("/carriers/" + id, query(request)));
        if (query == null) {
            model.addAttribute("errorMessages", errors.getFieldErrors().stream()
                                                      .map(e -> messages.getMessage("carrier.field." + e.getField(),
                                                                                    null, e.getField(), locale)
                                                                + messages.getMessage("punct.colon", null, locale)
                                                                + messages.getMessage(e, locale))
                                                      .toList());
            return "carrier";
        }
        IncubatorStates.WithTenants found = states.getWithTenants(id, query.times().asOf(), query.times().knownAt());
        IncubatorState state = found.state();
        CarrierView view = new CarrierView(messages, locale);
        HistoryPage timeline = history.find(query.timeline(query.page(), CarrierQuery.PAGE_SIZE));
        List<CarrierSeries.Point> points = series.yearly(id, firstChartYear(state, query), query.times().asOf(),
                                                         query.times().knownAt());
        model.addAttribute("query", query);
        model.addAttribute("state", state);
        model.addAttribute("knownAtShown", times.beijing(query.times().knownAt()));
        model.addAttribute("stateLines", view.state(state, regions));
        model.addAttribute("tenantsByStatus", view.tenants(found.tenants()));
        model.addAttribute("timeline", timeline);
        model.addAttribute("timelineRows", view.timeline(timeline.entries(), query.times().knownAt(), times));
        model.addAttribute("charts", CarrierCharts.of(points, messages, locale));
        model.addAttribute("exports", new PageLinks("/carriers/" + id + "/export", exportQuery(query)));
        return "carrier";
    }

    /** One of the page's tables as a file: {@code table} state, tenants, timeline or series. */
    @GetMapping(PATH + "/export")
    ResponseEntity<byte[]> export(@PathVariable String id, @ModelAttribute("form") CarrierForm form,
                                  BindingResult errors, @RequestParam String table,
                                  @RequestParam(defaultValue = "xlsx") String format) {
        Downloads.format(format);
        CarrierQuery query = CarrierQuery.of(id, form, errors, times);
        if (query == null) {
            throw Downloads.refusal(errors);
        }
        IncubatorStates.WithTenants found = states.getWithTenants(id, query.times().asOf(), query.times().knownAt());
        IncubatorState state = found.state();
        Table file = switch (table) {
            case "state" -> CarrierTables.state(state, chinese("kind." + state.kind()),
                                                state.level() == null ? chinese("charts.noLevel")
                                                        : chinese("level." + state.level()));
            case "tenants" -> CarrierTables.tenants(state, found.tenants(), s -> chinese("carrier.tenants." + s));
            case "timeline" -> timelineTable(state, query);
            case "series" -> CarrierTables.series(state, series.yearly(id, firstChartYear(state, query),
                                                                       query.times().asOf(),
                                                                       query.times().knownAt()));
            default -> throw LedgerRejection.invalid("table", table, "must be state, tenants, timeline or series");
        };
        return Downloads.file(file, state.name() + "-" + chinese("carrier.download." + table) + "-"
                                    + query.times().asOf(), format);
    }

    private Table timelineTable(IncubatorState state, CarrierQuery query) {
        List<HistoryEntry> entries = new ArrayList<>();
        boolean cut = false;
        for (int page = 0; ; page++) {
            HistoryPage found = history.find(query.timeline(page, FindIncubatorHistory.MAX_SIZE));
            entries.addAll(found.entries());
            if (entries.size() >= MAX_EXPORTED_FACTS) {
                cut = found.total() > entries.size();
                break;
            }
            if (page + 1 >= found.totalPages()) {
                break;
            }
        }
        return CarrierTables.timeline(state.name(), state.incubatorId(), entries, cut,
                                      new FactText(messages, Locale.SIMPLIFIED_CHINESE));
    }

    /** The charts start a decade back, or the year the carrier opened if later. */
    private static int firstChartYear(IncubatorState state, CarrierQuery query) {
        int decade = query.times().asOf().getYear() - CHART_YEARS + 1;
        return state.openedOn() == null ? decade : Math.max(decade, state.openedOn().getYear());
    }

    private static Map<String, String> query(HttpServletRequest request) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String name : new String[] {"asOf", "knownAt", "type", "page"}) {
            String value = request.getParameter(name);
            if (value != null && !value.isBlank()) {
                query.put(name, value);
            }
        }
        return query;
    }

    /** The downloads ask exactly what the page showed: "now" fixed to the instant shown. */
    private static Map<String, String> exportQuery(CarrierQuery query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("asOf", query.times().asOf().toString());
        parameters.put("knownAt", query.times().knownAt().toString());
        parameters.put("type", query.type());
        return parameters;
    }

    private String chinese(String key) {
        return messages.getMessage(key, null, key, Locale.SIMPLIFIED_CHINESE);
    }
}
