package cn.incubation.ledger.web;

import cn.incubation.ledger.incubator.AccreditationLevel;
import cn.incubation.ledger.incubator.CarrierKind;
import cn.incubation.ledger.incubator.IncubatorCommands.AccreditIncubator;
import cn.incubation.ledger.incubator.IncubatorCommands.ChangeFloorArea;
import cn.incubation.ledger.incubator.IncubatorCommands.CloseIncubator;
import cn.incubation.ledger.incubator.IncubatorCommands.RateIncubator;
import cn.incubation.ledger.incubator.IncubatorCommands.RegisterIncubator;
import cn.incubation.ledger.incubator.IncubatorCommands.ReportStaff;
import cn.incubation.ledger.incubator.Rating;
import cn.incubation.ledger.shared.Accepted;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The operator's commands about carriers, over HTTP. */
@RestController
@RequestMapping("/api/incubators")
@Tag(name = "Incubator commands", description = "Register carriers and record what happens to them")
class IncubatorCommandController {

    private static final String ID = "incubatorId";

    private final CommandDispatcher dispatcher;

    IncubatorCommandController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    record RegisterRequest(String incubatorId, String name, CarrierKind kind, String regionCode, String operator,
                           LocalDate openedOn, BigDecimal floorAreaM2, Integer staff) {
    }

    @PostMapping
    @Operation(summary = "Register a carrier (incubatorId is generated when absent)")
    ResponseEntity<Accepted> register(@RequestBody RegisterRequest body, HttpServletRequest http) {
        var conditions = dispatcher.conditions(http);
        String id = body.incubatorId() != null ? body.incubatorId() : conditions.newId("inc");
        var command = new RegisterIncubator(id, body.name(), body.kind(), body.regionCode(), body.operator(),
                                            body.openedOn(), body.floorAreaM2(), body.staff());
        return dispatcher.create(http, conditions, body, command, ID, id, a -> "/api/incubators/" + a.id());
    }

    record AccreditRequest(AccreditationLevel level, LocalDate accreditedOn) {
    }

    @PostMapping("/{id}/accreditations")
    @Operation(summary = "Record an accreditation at a level (levels only rise)")
    ResponseEntity<Accepted> accredit(@PathVariable String id, @RequestBody AccreditRequest body,
                                      HttpServletRequest http) {
        var conditions = dispatcher.conditions(http);
        var command = new AccreditIncubator(id, body.level(), body.accreditedOn(), conditions.expectedVersion());
        return dispatcher.send(http, conditions, body, command, ID, id, null);
    }

    record FloorAreaRequest(BigDecimal floorAreaM2, LocalDate changedOn) {
    }

    @PostMapping("/{id}/floor-area")
    @Operation(summary = "Record a change of incubation floor area")
    ResponseEntity<Accepted> changeFloorArea(@PathVariable String id, @RequestBody FloorAreaRequest body,
                                             HttpServletRequest http) {
        var conditions = dispatcher.conditions(http);
        var command = new ChangeFloorArea(id, body.floorAreaM2(), body.changedOn(), conditions.expectedVersion());
        return dispatcher.send(http, conditions, body, command, ID, id, null);
    }

    record StaffRequest(Integer staff, LocalDate reportedOn) {
    }

    @PostMapping("/{id}/staff")
    @Operation(summary = "Report the carrier's incubation staff")
    ResponseEntity<Accepted> reportStaff(@PathVariable String id, @RequestBody StaffRequest body,
                                         HttpServletRequest http) {
        var conditions = dispatcher.conditions(http);
        var command = new ReportStaff(id, body.staff(), body.reportedOn(), conditions.expectedVersion());
        return dispatcher.send(http, conditions, body, command, ID, id, null);
    }

    record RatingRequest(Integer year, Rating rating) {
    }

    @PostMapping("/{id}/ratings")
    @Operation(summary = "Record the carrier's annual evaluation rating")
    ResponseEntity<Accepted> rate(@PathVariable String id, @RequestBody RatingRequest body, HttpServletRequest http) {
        var conditions = dispatcher.conditions(http);
        var command = new RateIncubator(id, body.year(), body.rating(), conditions.expectedVersion());
        return dispatcher.send(http, conditions, body, command, ID, id, null);
    }

    record ClosureRequest(LocalDate closedOn, String reason) {
    }

    @PostMapping("/{id}/closure")
    @Operation(summary = "Record that the carrier closed; it takes no further commands")
    ResponseEntity<Accepted> close(@PathVariable String id, @RequestBody ClosureRequest body,
                                   HttpServletRequest http) {
        var conditions = dispatcher.conditions(http);
        var command = new CloseIncubator(id, body.closedOn(), body.reason(), conditions.expectedVersion());
        return dispatcher.send(http, conditions, body, command, ID, id, null);
    }
}
