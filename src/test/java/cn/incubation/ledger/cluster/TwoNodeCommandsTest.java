package cn.incubation.ledger.cluster;

import cn.incubation.ledger.shared.CreditCode;
import cn.incubation.ledger.web.LedgerHttp;
import cn.incubation.ledger.web.LedgerHttp.Answer;
import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two ledger nodes on one MongoDB, on the command side: how they allocate global indexes must agree (or the second is
 * refused at start, saying what to configure), and a command on an aggregate the other node changed is judged on the
 * stored state, in turn and at once, never a 500.
 */
class TwoNodeCommandsTest {

    @Test
    void aSecondWriterIsRefusedBesideANodeThatAllocatesFromMemory() {
        int mongo = LedgerNode.freePort();
        try (LedgerNode a = LedgerNode.hosting("node-a", mongo)) {
            assertThatThrownBy(() -> LedgerNode.joining("node-b", mongo))
                    .hasRootCauseInstanceOf(IllegalStateException.class)
                    .rootCause().hasMessageContaining("node-a")
                    .hasMessageContaining("--ledger.event-store.index-allocation=shared-counter");
            assertThatThrownBy(() -> LedgerNode.joining("node-c", mongo,
                                                        "ledger.event-store.index-allocation=single-writer"))
                    .isInstanceOf(BeanCreationException.class)
                    .rootCause().hasMessageContaining("node-a");
            // The refused nodes stored nothing and left the first one working.
            assertThat(a.http.post("/api/incubators", incubator("lease-1")).status()).isEqualTo(201);
        }
    }

    @Test
    void aNodeAllocatingFromMemoryIsRefusedWhileSharedCounterNodesWrite() {
        int mongo = LedgerNode.freePort();
        try (LedgerNode a = LedgerNode.hosting("node-a", mongo, "ledger.event-store.index-allocation=shared-counter")) {
            assertThatThrownBy(() -> LedgerNode.joining("node-b", mongo,
                                                        "ledger.event-store.index-allocation=single-writer"))
                    .rootCause().hasMessageContaining("shared counter")
                    .hasMessageContaining("--ledger.event-store.index-allocation=shared-counter");
            assertThat(a.http.post("/api/incubators", incubator("lease-2")).status()).isEqualTo(201);
        }
    }

    @Test
    void commandsSentToBothNodesInTurnAndAtOnceAreAllJudgedOnTheStoredState() throws Exception {
        int mongo = LedgerNode.freePort();
        String shared = "ledger.event-store.index-allocation=shared-counter";
        try (LedgerNode a = LedgerNode.hosting("node-a", mongo, shared);
             LedgerNode b = LedgerNode.joining("node-b", mongo)) {
            List<LedgerNode> nodes = List.of(a, b);
            assertThat(a.http.post("/api/incubators", incubator("two-1")).status()).isEqualTo(201);
            List<String> tenants = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String tenant = "two-t" + i;
                Answer admitted = nodes.get(i % 2).http.post("/api/tenants", tenant(tenant, "two-1", i));
                assertThat(admitted.status()).as(admitted.toString()).isEqualTo(201);
                tenants.add(tenant);
            }
            int accepted = 5;
            // In turn: each command goes to the node that did not write the aggregate last, which had it loaded.
            for (int round = 0; round < 30; round++) {
                for (String tenant : tenants) {
                    LedgerNode node = nodes.get(round % 2);
                    Answer answer = node.http.post("/api/tenants/" + tenant + "/headcount",
                                                   json("{'employees':" + (10 + round) + ",'reportedOn':'2020-12-31'}"));
                    assertThat(answer.status()).as(node + " " + answer).isEqualTo(200);
                    assertThat(answer.version()).as(node + " " + answer).isEqualTo(round + 1);
                    accepted++;
                }
            }
            // A fact recorded on one node is known to the other at once: a correction of an investment recorded on
            // A, sent to B (which has the tenant loaded from the rounds above), finds it.
            for (int i = 0; i < tenants.size(); i++) {
                String tenant = tenants.get(i);
                Answer invested = nodes.get(i % 2).http.post("/api/tenants/" + tenant + "/investments", json(
                        "{'investmentId':'inv-1','round':'ANGEL','investor':'蓉创天使基金','amount':'1000000',"
                                + "'currency':'CNY','receivedOn':'2020-03-15'}"));
                assertThat(invested.status()).as(invested.toString()).isEqualTo(201);
                Answer corrected = nodes.get((i + 1) % 2).http.post("/api/tenants/" + tenant
                        + "/investments/inv-1/correction", json("{'amount':'1200000','reason':'合同金额为120万'}"));
                assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
                accepted += 2;
            }
            // At once: both nodes, four clients each, on the same tenants.
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                LedgerHttp http = nodes.get(c % 2).http;
                int client = c;
                statuses.add(clients.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 10; i++) {
                        Answer answer = http.post("/api/tenants/" + tenants.get((client + i) % tenants.size())
                                                          + "/headcount",
                                                  json("{'employees':" + i + ",'reportedOn':'2021-06-30'}"));
                        assertThat(answer.status()).as(answer.toString()).isIn(200, 409);
                        if (answer.status() == 409) {
                            assertThat(answer.contentType()).startsWith("application/problem+json");
                        } else {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> status : statuses) {
                accepted += status.get();
            }
            clients.shutdown();
            MongoDatabase database = a.bean(MongoDatabase.class);
            // Every accepted command is one stored event, and no append failed on an index the other node held.
            assertThat(database.getCollection("events").countDocuments(new org.bson.Document("tombstone",
                                                                                             new org.bson.Document("$ne", true))))
                    .isEqualTo(accepted);
            assertThat(accepted).isGreaterThan(5 + 120 + 40);
        }
    }

    static String incubator(String id) {
        return json("{'incubatorId':'" + id + "','name':'天府软件园创业场','kind':'INCUBATOR','regionCode':'510107',"
                            + "'operator':'天府软件园','openedOn':'2016-03-01','floorAreaM2':'12000','staff':20}");
    }

    static String tenant(String id, String incubator, int n) {
        String first17 = String.format("91510100MA%07d", 7_000_000 + n + Math.abs(id.hashCode() % 1000) * 10);
        return json("{'tenantId':'" + id + "','incubatorId':'" + incubator + "','companyName':'成都某某科技有限公司"
                            + n + "','creditCode':'" + first17 + CreditCode.checkCharacter(first17)
                            + "','sector':'人工智能','foundedOn':'2018-05-01','admittedOn':'2019-02-01'}");
    }
}
