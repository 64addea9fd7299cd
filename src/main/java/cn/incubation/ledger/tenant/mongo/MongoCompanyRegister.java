package cn.incubation.ledger.tenant.mongo;

import cn.incubation.ledger.mongo.MongoInserts;
import cn.incubation.ledger.tenant.command.CompanyRegister;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Comparator;
import java.util.List;

/**
 * The company register as one document per incubation of a company, {@code _id = "<credit code>|<n>"}: the n-th
 * incubation claims the company by inserting its id, so the unique {@code _id} decides between concurrent
 * admissions, and every read or write is a lookup by {@code _id} (the embedded server scans for anything else).
 */
@Component
class MongoCompanyRegister implements CompanyRegister {

    private static final int PROBE = 8;

    private final MongoCollection<Document> claims;

    MongoCompanyRegister(MongoDatabase database) {
        this.claims = database.getCollection("company_claims");
    }

    @Override
    public List<Claim> claims(String creditCode) {
        List<Claim> found = new ArrayList<>();
        for (int first = 0; ; first += PROBE) {
            List<String> ids = new ArrayList<>();
            for (int n = first; n < first + PROBE; n++) {
                ids.add(id(creditCode, n));
            }
            int before = found.size();
            for (Document claim : claims.find(new Document("_id", new Document("$in", ids)))) {
                found.add(new Claim(creditCode, claim.getString("tenantId"), claim.getDate("claimedAt").toInstant(),
                                    claim.getInteger("n")));
            }
            if (found.size() - before < PROBE) {
                break;
            }
        }
        found.sort(Comparator.comparingInt(Claim::generation));
        return found;
    }

    @Override
    public boolean claim(String creditCode, String tenantId, Instant at) {
        return insert(creditCode, 0, tenantId, at);
    }

    @Override
    public boolean takeOver(Claim previous, String tenantId, Instant at) {
        return insert(previous.creditCode(), previous.generation() + 1, tenantId, at);
    }

    @Override
    public void release(String creditCode, String tenantId) {
        holder(creditCode).filter(claim -> claim.tenantId().equals(tenantId))
                          .ifPresent(claim -> claims.deleteOne(new Document("_id", id(creditCode,
                                                                                       claim.generation()))));
    }

    private boolean insert(String creditCode, int n, String tenantId, Instant at) {
        return MongoInserts.insertUnlessTaken(claims, new Document("_id", id(creditCode, n)).append("n", n)
                .append("tenantId", tenantId).append("claimedAt", Date.from(at)));
    }

    private static String id(String creditCode, int n) {
        return creditCode + "|" + n;
    }
}
