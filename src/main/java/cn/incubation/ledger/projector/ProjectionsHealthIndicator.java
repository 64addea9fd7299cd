package cn.incubation.ledger.projector;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The projections in {@code /actuator/health}: each one's lag, dead letters and rebuild. {@code DEGRADED} while any
 * has parked events (its answers leave them out); the node still serves, so that status keeps HTTP 200.
 */
@Component("projections")
class ProjectionsHealthIndicator extends AbstractHealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "a projection has parked events; see GET /api/projections");

    private final ProjectionService projections;

    ProjectionsHealthIndicator(ProjectionService projections) {
        super("The projections' state could not be read");
        this.projections = projections;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean degraded = false;
        for (ProjectionService.Status status : projections.status()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("state", status.state());
            detail.put("generation", status.generation());
            detail.put("lag", status.lag());
            detail.put("deadLetters", status.deadLetters());
            if (status.replaying()) {
                detail.put("rebuildPosition", status.replayPosition());
            }
            builder.withDetail(status.name(), detail);
            degraded |= status.state() == ProjectionService.State.DEGRADED;
        }
        builder.status(degraded ? DEGRADED : Status.UP);
    }
}
