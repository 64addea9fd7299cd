package cn.incubation.ledger.tenant.command;

import cn.incubation.ledger.tenant.TenantEvent.TenantAdmitted;
import cn.incubation.ledger.web.LedgerHttp.Answer;
import cn.incubation.ledger.web.LedgerServerTest;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A snapshot holds an aggregate's private state, whose shape changes when its rules do: a snapshot written before the
 * aggregate's {@code @Revision} changed is passed over and the aggregate rebuilt from its events, which never change.
 * The test stores a snapshot whose state is wrong (an admission in 2024), so a command judged on it is refused.
 */
class SnapshotRevisionTest extends LedgerServerTest {

    @Autowired
    EventStore eventStore;

    @Autowired
    @Qualifier("tenantCache")
    Cache tenantCache;

    private String tenantWithWrongSnapshot(String revision) {
        String tenant = admitTenant(registerIncubator("510107"));
        Tenant wrong = new Tenant();
        wrong.on(new TenantAdmitted(tenant, "inc-x", "成都某某科技有限公司", creditCode(), "AI", LocalDate.of(2018, 5, 1),
                                    LocalDate.of(2024, 1, 1)));
        eventStore.storeSnapshot(new GenericDomainEventMessage<>("Tenant", tenant, 0, wrong));
        database.getCollection("snapshots").updateOne(Filters.eq("_id", tenant),
                                                      Updates.set("payloadRevision", revision));
        tenantCache.removeAll();
        return tenant;
    }

    private Answer reportHeadcount(String tenant) {
        return http.post("/api/tenants/" + tenant + "/headcount", "{\"employees\":9,\"reportedOn\":\"2020-06-30\"}");
    }

    @Test
    void aSnapshotOfTheCurrentRevisionIsUsed() {
        String tenant = tenantWithWrongSnapshot("2");
        assertProblem(reportHeadcount(tenant), 409, "reportedOn", "must not be before the tenant was admitted "
                + "(2024-01-01)");
    }

    @Test
    void aSnapshotOfAnEarlierRevisionIsPassedOver() {
        String tenant = tenantWithWrongSnapshot(null);
        Answer answer = reportHeadcount(tenant);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    }
}
