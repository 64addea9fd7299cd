package cn.incubation.ledger.security.mongo;

import cn.incubation.ledger.mongo.MongoInserts;
import cn.incubation.ledger.security.LedgerUser;
import cn.incubation.ledger.security.Role;
import cn.incubation.ledger.security.UserStore;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Users in the {@code users} collection under {@code _id} = username, so that signing in is one key lookup and the
 * unique {@code _id} decides between two requests that add the same name.
 */
@Component
class MongoUserStore implements UserStore {

    private final MongoCollection<Document> users;

    MongoUserStore(MongoDatabase database) {
        this.users = database.getCollection("users");
    }

    @Override
    public Optional<LedgerUser> find(String username) {
        return Optional.ofNullable(users.find(Filters.eq("_id", username)).first()).map(MongoUserStore::user);
    }

    @Override
    public boolean insert(LedgerUser user) {
        return MongoInserts.insertUnlessTaken(users, document(user));
    }

    @Override
    public boolean replace(LedgerUser user) {
        return users.replaceOne(Filters.eq("_id", user.username()), document(user)).getMatchedCount() == 1;
    }

    /** A scan; the users of a ledger are a few hundred at most, and listing them is an administrator's request. */
    @Override
    public List<LedgerUser> all() {
        List<LedgerUser> all = new ArrayList<>();
        for (Document document : users.find().sort(Sorts.ascending("_id"))) {
            all.add(user(document));
        }
        return all;
    }

    private static Document document(LedgerUser user) {
        return new Document("_id", user.username()).append("passwordHash", user.passwordHash())
                                                    .append("role", user.role().name())
                                                    .append("incubators", user.incubators())
                                                    .append("investors", user.investors())
                                                    .append("disabled", user.disabled())
                                                    .append("createdAt", Date.from(user.createdAt()))
                                                    .append("changedAt", Date.from(user.changedAt()));
    }

    private static LedgerUser user(Document d) {
        return new LedgerUser(d.getString("_id"), d.getString("passwordHash"), Role.valueOf(d.getString("role")),
                              d.getList("incubators", String.class, List.of()),
                              d.getList("investors", String.class, List.of()), d.getBoolean("disabled", false),
                              d.getDate("createdAt").toInstant(), d.getDate("changedAt").toInstant());
    }
}
