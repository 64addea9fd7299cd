package cn.incubation.ledger.ui.overview;

import cn.incubation.ledger.region.Region;
import cn.incubation.ledger.region.RegionCatalog;
import cn.incubation.ledger.regionaltotals.Comparison;
import cn.incubation.ledger.regionaltotals.RecordedFacts;
import cn.incubation.ledger.regionaltotals.RegionalSeries;
import cn.incubation.ledger.regionaltotals.RegionalTotals;
import cn.incubation.ledger.regionaltotals.RegionalTotalsQueries;
import cn.incubation.ledger.report.RegionalTables;
import cn.incubation.ledger.report.Table;
import cn.incubation.ledger.report.TableFiles;
import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.ui.PageLinks;
import cn.incubation.ledger.ui.PageTimes;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The region overview for analysts: a region's key figures on a business date as known at a record time, its series
 * as charts, the comparison of two dates in the published table's shape, and what changed between two record times;
 * every table also as a download ({@code /overview/export}) in the same shape as the report command's workbook.
 */
@Controller
class OverviewController {

    static final String PATH = "/overview";
    static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    /** The label of each field of the form, for the list of what to correct. */
    private static final Map<String, String> FIELD_LABELS = Map.of(
            "region", "overview.region", "asOf", "overview.asOf", "knownAt", "overview.knownAt",
            "granularity", "charts.granularity", "seriesFrom", "charts.seriesFrom", "seriesTo", "charts.seriesTo",
            "from", "comparison.from", "to", "comparison.to", "since", "changes.since");

    private final RegionCatalog regions;
    private final RegionalTotalsQueries queries;
    private final RecordedFacts recordedFacts;
    private final PageTimes times;
    private final MessageSource messages;

    OverviewController(RegionCatalog regions, RegionalTotalsQueries queries, RecordedFacts recordedFacts,
                       PageTimes times, MessageSource messages) {
        this.regions = regions;
        this.queries = queries;
        this.recordedFacts = recordedFacts;
        this.times = times;
        this.messages = messages;
    }

    @GetMapping(PATH)
    String overview(@ModelAttribute("form") OverviewForm form, BindingResult errors, HttpServletRequest request,
                    Authentication reader, Locale locale, Model model) {
        OverviewQuery query = OverviewQuery.of(form, errors, regions, times);
        Region region = query == null ? regions.find(form.getRegion() == null ? OverviewQuery.DEFAULT_REGION
                                                             : form.getRegion().strip())
                                               .orElse(regions.require(OverviewQuery.DEFAULT_REGION))
                : query.region();
        PageLinks links = new PageLinks(PATH, query(request));
        model.addAttribute("region", region);
        model.addAttribute("regionName", name(region, locale));
        RegionChoices choices = RegionChoices.around(region, regions);
        model.addAttribute("choices", choices);
        model.addAttribute("partialNames", choices.partialMembers().stream().map(r -> name(r, locale))
                                                  .collect(Collectors.joining(locale.getLanguage().equals("en")
                                                                                      ? ", " : "、")));
        model.addAttribute("links", links);
        model.addAttribute("invalid", errors.getFieldErrors().stream().map(FieldError::getField)
                                            .collect(Collectors.toSet()));
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        for (FieldError error : errors.getFieldErrors()) {
            fieldErrors.put(messages.getMessage(FIELD_LABELS.get(error.getField()), null, error.getField(), locale),
                            messages.getMessage(error, locale));
        }
        model.addAttribute("fieldErrors", fieldErrors);
        if (query == null) {
            return "overview";
        }
        OverviewFigures figures = new OverviewFigures(messages, locale);
        RegionalTotals totals = queries.totals(region.code(), query.asOf(), query.knownAt());
        RegionalSeries series = queries.series(region.code(), query.seriesFrom(), query.seriesTo(),
                                               query.granularity(), query.knownAt());
        Comparison comparison = queries.comparison(region.code(), query.from(), query.to(), query.knownAt());
        RegionalTotals before = queries.totals(region.code(), query.asOf(), query.since());
        RecordedFacts.Found facts = VisibleFacts.of(recordedFacts.between(region.code(), query.since(),
                                                                          query.knownAt(), RecordedFacts.MAX_FACTS),
                                                    reader);
        model.addAttribute("factsCut", VisibleFacts.isCut(reader));
        model.addAttribute("query", query);
        model.addAttribute("knownAtShown", times.beijing(query.knownAt()));
        model.addAttribute("sinceShown", times.beijing(query.since()));
        model.addAttribute("totals", totals);
        model.addAttribute("cards", figures.cards(totals));
        model.addAttribute("charts", OverviewCharts.of(series, messages, locale));
        model.addAttribute("comparison", comparison);
        model.addAttribute("comparisonRows", figures.comparison(comparison));
        model.addAttribute("flowRows", figures.flows(comparison.flows()));
        model.addAttribute("fromHeader", figures.dateHeader(comparison.from()));
        model.addAttribute("toHeader", figures.dateHeader(comparison.to()));
        model.addAttribute("changeRows", figures.changes(before, totals));
        model.addAttribute("facts", facts);
        model.addAttribute("factRows", figures.facts(facts, query.asOf(), times));
        model.addAttribute("planLink", links.with("from", OverviewQuery.END_OF_13TH_PLAN.toString(),
                                                  "to", OverviewQuery.END_OF_14TH_PLAN.toString()));
        Map<String, String> quick = new LinkedHashMap<>();
        quick.put("changes.quick.week", links.with("since", times.beijing(query.knownAt().minus(7, ChronoUnit.DAYS))));
        quick.put("changes.quick.month", links.with("since",
                                                     times.beijing(query.knownAt().minus(30, ChronoUnit.DAYS))));
        quick.put("changes.quick.year", links.with("since",
                                                    times.beijing(query.knownAt().minus(365, ChronoUnit.DAYS))));
        model.addAttribute("quickSince", quick);
        model.addAttribute("exports", new PageLinks(PATH + "/export", exportQuery(query)));
        return "overview";
    }

    /** One of the page's tables as a file: {@code table} totals, series, comparison, changes or facts. */
    @GetMapping(PATH + "/export")
    ResponseEntity<byte[]> export(@ModelAttribute("form") OverviewForm form, BindingResult errors,
                                  @RequestParam String table, @RequestParam(defaultValue = "xlsx") String format,
                                  Authentication reader) {
        OverviewQuery query = OverviewQuery.of(form, errors, regions, times);
        if (query == null) {
            FieldError error = errors.getFieldError();
            throw LedgerRejection.invalid(error.getField(), error.getRejectedValue(), error.getDefaultMessage());
        }
        if (!format.equals("xlsx") && !format.equals("csv")) {
            throw LedgerRejection.invalid("format", format, "must be xlsx or csv");
        }
        Region region = query.region();
        String code = region.code();
        Table file = switch (table) {
            case "totals" -> RegionalTables.totals(queries.totals(code, query.asOf(), query.knownAt()),
                                                   region.nameZh(), this::chinese);
            case "series" -> RegionalTables.series(queries.series(code, query.seriesFrom(), query.seriesTo(),
                                                                  query.granularity(), query.knownAt()),
                                                   region.nameZh());
            case "comparison" -> OverviewTables.comparison(queries.comparison(code, query.from(), query.to(),
                                                                              query.knownAt()), region.nameZh());
            case "changes" -> OverviewTables.changes(queries.totals(code, query.asOf(), query.since()),
                                                     queries.totals(code, query.asOf(), query.knownAt()),
                                                     region.nameZh());
            case "facts" -> OverviewTables.facts(VisibleFacts.of(recordedFacts.between(code, query.since(),
                                                                                       query.knownAt(),
                                                                                       RecordedFacts.MAX_FACTS),
                                                                 reader),
                                                 region.nameZh(),
                                                 new FactDescriptions(messages, Locale.SIMPLIFIED_CHINESE));
            default -> throw LedgerRejection.invalid("table", table,
                                                     "must be totals, series, comparison, changes or facts");
        };
        String name = region.nameZh() + "-" + chinese("downloads." + table) + "-" + query.asOf() + "." + format;
        HttpHeaders headers = new HttpHeaders();
        headers.setContentDisposition(ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build());
        boolean xlsx = format.equals("xlsx");
        headers.setContentType(xlsx ? XLSX : CSV);
        return ResponseEntity.ok().headers(headers).body(xlsx ? TableFiles.xlsx(file) : TableFiles.csv(file));
    }

    /** The page's query as the reader sent it, so that each link changes one thing and keeps the rest. */
    private static Map<String, String> query(HttpServletRequest request) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String name : new String[] {"region", "asOf", "knownAt", "granularity", "seriesFrom", "seriesTo", "from",
                                         "to", "since"}) {
            String value = request.getParameter(name);
            if (value != null && !value.isBlank()) {
                query.put(name, value);
            }
        }
        return query;
    }

    /** The downloads ask exactly what the page showed: "now" and the default "since" fixed to the instants shown. */
    private Map<String, String> exportQuery(OverviewQuery query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("region", query.region().code());
        parameters.put("asOf", query.asOf().toString());
        parameters.put("knownAt", query.knownAt().toString());
        parameters.put("granularity", query.granularity().name());
        parameters.put("seriesFrom", query.seriesFrom().toString());
        parameters.put("seriesTo", query.seriesTo().toString());
        parameters.put("from", query.from().toString());
        parameters.put("to", query.to().toString());
        parameters.put("since", query.since().toString());
        return parameters;
    }

    private String chinese(String key) {
        return messages.getMessage(key, null, key, Locale.SIMPLIFIED_CHINESE);
    }

    static String name(Region region, Locale locale) {
        return "en".equals(locale.getLanguage()) ? region.nameEn() : region.nameZh();
    }
}
