package cn.incubation.ledger.web;

import cn.incubation.ledger.history.FindIncubatorHistory;
import cn.incubation.ledger.history.HistoryPage;
import cn.incubation.ledger.history.IncubatorHistory;
import cn.incubation.ledger.shared.TimeParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** A carrier's timeline over HTTP. */
@RestController
@RequestMapping("/api/incubators")
@Tag(name = "History", description = "What happened to a carrier and its tenants, newest first")
class HistoryQueryController {

    private final IncubatorHistory history;
    private final TimeParameters time;

    HistoryQueryController(IncubatorHistory history, TimeParameters time) {
        this.history = history;
        this.time = time;
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "The timeline of a carrier and its tenants, newest first (by occurredOn, then recordedAt); "
            + "from/to filter occurredOn, type takes event type names separated by commas")
    HistoryPage history(@PathVariable String id,
                        @RequestParam(required = false) LocalDate from,
                        @RequestParam(required = false) LocalDate to,
                        @RequestParam(required = false) String type, @RequestParam(required = false) Integer page,
                        @RequestParam(required = false) Integer size) {
        Set<String> types = type == null ? Set.of()
                : Arrays.stream(type.split(",")).map(String::strip).filter(t -> !t.isEmpty())
                        .collect(Collectors.toSet());
        return history.find(new FindIncubatorHistory(id, time.date("from", from, null), time.date("to", to, null),
                                                     types, QueryBounds.page(page),
                                                     QueryBounds.within("size", size, FindIncubatorHistory.DEFAULT_SIZE,
                                                                        1, FindIncubatorHistory.MAX_SIZE)));
    }
}
