package cn.incubation.ledger.security;

import cn.incubation.ledger.web.LedgerHttp;
import cn.incubation.ledger.web.LedgerHttp.Answer;
import cn.incubation.ledger.web.LedgerServerTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import static cn.incubation.ledger.web.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/users} through the real server: users are added, listed and changed by an administrator, every bad
 * value is a 400 (an unknown carrier a 404, a taken name a 409) that stores nothing and never quotes a password, and
 * no answer ever holds a password or its hash.
 */
class UsersApiTest extends LedgerServerTest {

    private static final String PASSWORD = "a-good-password";

    private long users() {
        return database.getCollection("users").countDocuments();
    }

    private Answer add(String body) {
        return http.post("/api/users", json(body));
    }

    @Test
    void addsListsAndShowsUsersWithoutTheirHashes() {
        String carrier = registerIncubator("510107");
        String name = unique("op");

        Answer added = add("{'username':'" + name + "','password':'" + PASSWORD + "','role':'OPERATOR',"
                + "'incubators':['" + carrier + "']}");

        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.header("Location")).endsWith("/api/users/" + name);
        assertThat(added.json().get("role").asText()).isEqualTo("OPERATOR");
        assertThat(added.json().get("incubators").get(0).asText()).isEqualTo(carrier);
        Answer listed = http.get("/api/users");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.response().body()).contains(name).doesNotContain(PASSWORD).doesNotContain("bcrypt")
                                            .doesNotContain("$2a$").doesNotContain("password");
        assertThat(http.get("/api/users/" + name).response().body()).doesNotContain("password");
        awaitProjections();
        assertThat(http.as(name, PASSWORD).get("/api/incubators/" + carrier).status()).isEqualTo(200);
        Document stored = database.getCollection("users").find(new Document("_id", name)).first();
        assertThat(stored.getString("passwordHash")).startsWith("{bcrypt}$2a$").doesNotContain(PASSWORD);
        assertThat(add("{'username':'" + name + "','password':'" + PASSWORD + "','role':'ANALYST'}").status())
                .isEqualTo(409);
    }

    @Test
    void refusesBadValuesWithAProblemAndStoresNothing() {
        String carrier = registerIncubator("510107");
        long before = users();
        String secret = "short-pw";

        assertProblem(add("{'username':'Alice','password':'" + PASSWORD + "','role':'ANALYST'}"), 400, "username",
                      "must match");
        assertProblem(add("{'username':'al','password':'" + PASSWORD + "','role':'ANALYST'}"), 400, "username",
                      "must match");
        assertProblem(add("{'username':'demo','password':'" + PASSWORD + "','role':'ANALYST'}"), 400, "username",
                      "reserved");
        assertProblem(add("{'username':'x@local','password':'" + PASSWORD + "','role':'ANALYST'}"), 400, "username",
                      "must match");
        Answer shortPassword = add("{'username':'" + unique("u") + "','password':'" + secret + "','role':'ANALYST'}");
        assertProblem(shortPassword, 400, "password", "at least 10 characters");
        assertThat(shortPassword.response().body()).doesNotContain(secret);
        assertProblem(add("{'username':'" + unique("u") + "','password':'" + "密".repeat(30) + "','role':'ANALYST'}"),
                      400, "password", "at most 72 bytes");
        assertProblem(add("{'username':'" + unique("u") + "','role':'ANALYST'}"), 400, "password", "is required");
        assertProblem(add("{'username':'" + unique("u") + "','password':'" + PASSWORD + "'}"), 400, "role",
                      "is required");
        assertProblem(add("{'username':'" + unique("u") + "','password':'" + PASSWORD + "','role':'ROOT'}"), 400,
                      "role", "must be one of ADMIN, OPERATOR, FUND_MANAGER, ANALYST");
        assertProblem(add("{'username':'" + unique("u") + "','password':'" + PASSWORD + "','role':0}"), 400, "role",
                      null);
        assertProblem(add("{'username':'" + unique("u") + "','password':'" + PASSWORD + "','role':'OPERATOR'}"), 400,
                      "incubators", "at least one carrier");
        assertProblem(add("{'username':'" + unique("u") + "','password':'" + PASSWORD + "','role':'OPERATOR',"
                + "'incubators':['nowhere-1']}"), 404, "incubators[0]", "not a carrier");
        assertProblem(add("{'username':'" + unique("u") + "','password':'" + PASSWORD + "','role':'OPERATOR',"
                + "'incubators':['" + carrier + "','" + carrier + "']}"), 400, "incubators[1]", "listed twice");
        assertProblem(add("{'username':'" + unique("u") + "','password':'" + PASSWORD + "','role':'OPERATOR',"
                + "'incubators':['Bad Id']}"), 400, "incubators[0]", "must match");
        assertProblem(add("{'username':'" + unique("u") + "','password':'" + PASSWORD + "','role':'ANALYST',"
                + "'incubators':['" + carrier + "']}"), 400, "incubators", "only an OPERATOR");
        assertProblem(add("{'username':'" + unique("u") + "','password':'" + PASSWORD + "','role':'OPERATOR',"
                + "'incubators':['" + carrier + "'],'investors':['某基金']}"), 400, "investors", "only a FUND_MANAGER");
        assertProblem(add("{'username':'" + unique("u") + "','password':'" + PASSWORD + "','role':'FUND_MANAGER',"
                + "'investors':['\u202e基金']}"), 400, "investors[0]", "must not contain");
        assertProblem(add("{'username':'" + unique("u") + "','password':'" + PASSWORD + "','role':'ANALYST',"
                + "'admin':true}"), 400, "admin", "is not a field");
        assertProblem(add("{'username':'" + unique("u") + "','password':'" + PASSWORD + "','role':'ANALYST',"
                + "'passwordHash':'{noop}x'}"), 400, "passwordHash", "is not a field");
        assertProblem(http.post("/api/users", "[]"), 400, "body", null);

        assertThat(users()).isEqualTo(before);
    }

    @Test
    void changesRoleScopesPasswordAndDisabled() {
        String carrier = registerIncubator("510107");
        String name = unique("op");
        assertThat(add("{'username':'" + name + "','password':'" + PASSWORD + "','role':'OPERATOR',"
                + "'incubators':['" + carrier + "']}").status()).isEqualTo(201);
        LedgerHttp user = http.as(name, PASSWORD);
        assertThat(user.get("/api/regions/chengyu/totals").status()).isEqualTo(200);

        JsonNode analyst = http.patch("/api/users/" + name, json("{'role':'ANALYST'}")).json();
        assertThat(analyst.get("role").asText()).isEqualTo("ANALYST");
        assertThat(analyst.get("incubators")).isEmpty();
        assertThat(user.post("/api/incubators/" + carrier + "/staff", json("{'staff':3,'reportedOn':'2020-01-01'}"))
                       .status()).as("a role change counts from the next request").isEqualTo(403);

        assertThat(http.patch("/api/users/" + name, json("{'password':'another-password'}")).status()).isEqualTo(200);
        assertThat(user.get("/api/regions").status()).as("the old password").isEqualTo(401);
        LedgerHttp renewed = http.as(name, "another-password");
        assertThat(renewed.get("/api/regions").status()).isEqualTo(200);

        assertThat(http.patch("/api/users/" + name, json("{'disabled':true}")).json().get("disabled").asBoolean())
                .isTrue();
        assertThat(renewed.get("/api/regions").status()).isEqualTo(401);

        assertProblem(http.patch("/api/users/" + name, json("{'role':'OPERATOR'}")), 400, "incubators",
                      "at least one carrier");
        assertProblem(http.patch("/api/users/" + name, json("{}")), 400, "body", null);
        assertProblem(http.patch("/api/users/" + name, json("{'password':'short'}")), 400, "password", null);
        assertProblem(http.patch("/api/users/nobody-here", json("{'disabled':false}")), 404, "username", null);
        assertProblem(http.patch("/api/users/admin", json("{'disabled':true}")), 409, "username",
                      "last enabled ADMIN");
        assertThat(http.get("/api/users").status()).as("the admin is still there").isEqualTo(200);
    }
}
