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
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

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

    record RegisterRequest(String incubatorId,
                           @Schema(requiredMode = REQUIRED) String name,
                           @Schema(requiredMode = REQUIRED) CarrierKind kind,
                           @Schema(requiredMode = REQUIRED) String regionCode,
                           @Schema(requiredMode = REQUIRED) String operator,
                           @Schema(requiredMode = REQUIRED) LocalDate openedOn,
                           @Schema(type = "string", format = "decimal", example = "3000.5", requiredMode = REQUIRED)
                           BigDecimal floorAreaM2,
                           @Schema(requiredMode = REQUIRED) Integer staff) {
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "Registered; Location is where the carrier is read",
                 useReturnTypeSchema = true)
    @Operation(summary = "Register a carrier (incubatorId is generated when absent)")
    ResponseEntity<Accepted> register(@RequestBody RegisterRequest body, HttpServletRequest http) {
        var conditions = dispatcher.conditions(http);
        String id = body.incubatorId() != null ? body.incubatorId() : conditions.newId("inc");
        var command = new RegisterIncubator(id, body.name(), body.kind(), body.regionCode(), body.operator(),
                                            body.openedOn(), body.floorAreaM2(), body.staff());
        return dispatcher.create(http, conditions, body, command, ID, id, a -> "/api/incubators/" + a.id());
    }

    record AccreditRequest(@Schema(requiredMode = REQUIRED) AccreditationLevel level,
                           @Schema(requiredMode = REQUIRED) LocalDate accreditedOn) {
    }

    @PostMapping("/{id}/accreditations")
    @Operation(summary = "Record an accreditation at a level (levels only rise)")
    ResponseEntity<Accepted> accredit(@PathVariable String id, @RequestBody AccreditRequest body,
                                      HttpServletRequest http) {
        var conditions = dispatcher.conditions(http);
        var command = new AccreditIncubator(id, body.level(), body.accreditedOn(), conditions.expectedVersion());
        return dispatcher.send(http, conditions, body, command, ID, id, null);
    }

    record FloorAreaRequest(@Schema(type = "string", format = "decimal", example = "3000.5", requiredMode = REQUIRED)
                            BigDecimal floorAreaM2,
                            @Schema(requiredMode = REQUIRED) LocalDate changedOn) {
    }

    @PostMapping("/{id}/floor-area")
    @Operation(summary = "Record a change of incubation floor area")
    ResponseEntity<Accepted> changeFloorArea(@PathVariable String id, @RequestBody FloorAreaRequest body,
                                             HttpServletRequest http) {
        var conditions = dispatcher.conditions(http);
        var command = new ChangeFloorArea(id, body.floorAreaM2(), body.changedOn(), conditions.expectedVersion());
        return dispatcher.send(http, conditions, body, command, ID, id, null);
    }

    record StaffRequest(@Schema(requiredMode = REQUIRED) Integer staff,
                        @Schema(requiredMode = REQUIRED) LocalDate reportedOn) {
    }

    @PostMapping("/{id}/staff")
    @Operation(summary = "Report the carrier's incubation staff")
    ResponseEntity<Accepted> reportStaff(@PathVariable String id, @RequestBody StaffRequest body,
                                         HttpServletRequest http) {
        var conditions = dispatcher.conditions(http);
        var command = new ReportStaff(id, body.staff(), body.reportedOn(), conditions.expectedVersion());
        return dispatcher.send(http, conditions, body, command, ID, id, null);
    }

    record RatingRequest(@Schema(requiredMode = REQUIRED) Integer year,
                         @Schema(requiredMode = REQUIRED) Rating rating) {
    }

    @PostMapping("/{id}/ratings")
    @Operation(summary = "Record the carrier's annual evaluation rating")
    ResponseEntity<Accepted> rate(@PathVariable String id, @RequestBody RatingRequest body, HttpServletRequest http) {
        var conditions = dispatcher.conditions(http);
        var command = new RateIncubator(id, body.year(), body.rating(), conditions.expectedVersion());
        return dispatcher.send(http, conditions, body, command, ID, id, null);
    }

    record ClosureRequest(@Schema(requiredMode = REQUIRED) LocalDate closedOn,
                          @Schema(requiredMode = REQUIRED) String reason) {
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
