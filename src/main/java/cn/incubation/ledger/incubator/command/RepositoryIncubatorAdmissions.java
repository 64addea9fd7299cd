package cn.incubation.ledger.incubator.command;

import cn.incubation.ledger.incubator.IncubatorAdmissions;
import cn.incubation.ledger.shared.LedgerRejection;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.LocalDate;

/** Answers admission questions by loading the carrier in the caller's unit of work. */
@Component
class RepositoryIncubatorAdmissions implements IncubatorAdmissions {

    private final Repository<Incubator> incubators;

    RepositoryIncubatorAdmissions(Repository<Incubator> incubatorRepository) {
        this.incubators = incubatorRepository;
    }

    @Override
    public void checkAdmission(String incubatorId, LocalDate admittedOn) {
        try {
            incubators.load(incubatorId).execute(incubator -> incubator.checkAdmission(admittedOn));
        } catch (AggregateNotFoundException e) {
            throw LedgerRejection.notFound("incubatorId", incubatorId, "no incubator has this id");
        } catch (IncompatibleAggregateException e) {
            throw LedgerRejection.notFound("incubatorId", incubatorId, "is a tenant's id, not a carrier's");
        }
    }
}
