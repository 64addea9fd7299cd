package cn.incubation.ledger.web;

import cn.incubation.ledger.projector.ProjectionService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Where each projection stands, and rebuilding one from the events while queries keep answering. */
@RestController
@RequestMapping("/api/projections")
@Tag(name = "Projections", description = "Read models built from the events")
class ProjectionController {

    private final ProjectionService projections;

    ProjectionController(ProjectionService projections) {
        this.projections = projections;
    }

    @GetMapping
    @Operation(summary = "Each projection's position, the head of the event stream, the lag, and any rebuild")
    List<ProjectionService.Status> status() {
        return projections.status();
    }

    @PostMapping("/replay")
    @Operation(summary = "Rebuild every projection from the first event, in one pass over the events; the current "
            + "views answer until the rebuilt ones have caught up")
    ResponseEntity<List<ProjectionService.Status>> replayAll() {
        return ResponseEntity.accepted().body(projections.replay(List.of()));
    }

    @GetMapping("/{name}/dead-letters")
    @Operation(summary = "The events the projection could not apply and left out, in stream order, with the cause; "
            + "every later event of the same aggregate is parked with the first")
    List<ProjectionService.DeadLetter> deadLetters(@PathVariable String name,
                                                   @RequestParam(required = false) Integer limit) {
        return projections.deadLetters(name, QueryBounds.within("limit", limit, 100, 1, 1000));
    }

    @PostMapping("/{name}/dead-letters/retry")
    @Operation(summary = "Handle the parked events again once their cause is fixed: rebuilds the projection, "
            + "which handles every event in order; the current view answers until the rebuilt one has caught up")
    ResponseEntity<ProjectionService.Status> retry(@PathVariable String name) {
        return ResponseEntity.accepted().body(projections.retryDeadLetters(name));
    }

    @PostMapping("/{name}/replay")
    @Operation(summary = "Rebuild a projection from the first event; the current view answers until the rebuilt one "
            + "has caught up")
    ResponseEntity<ProjectionService.Status> replay(@PathVariable String name) {
        return ResponseEntity.accepted().body(projections.replay(name));
    }
}
