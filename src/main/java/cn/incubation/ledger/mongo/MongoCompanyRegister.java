package cn.incubation.ledger.mongo;

import cn.incubation.ledger.tenant.command.CompanyRegister;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/** The company register as one document per credit code, under {@code _id}: the unique key decides every claim. */
@Component
class MongoCompanyRegister implements CompanyRegister {

    private final MongoCollection<Document> claims;

    MongoCompanyRegister(MongoDatabase database) {
        this.claims = database.getCollection("company_claims");
    }

    @Override
    public Optional<Claim> holder(String creditCode) {
        Document claim = claims.find(Filters.eq("_id", creditCode)).first();
        return Optional.ofNullable(claim).map(d -> new Claim(creditCode, d.getString("tenantId"),
                                                             d.getDate("claimedAt").toInstant()));
    }

    @Override
    public boolean claim(String creditCode, String tenantId, Instant at) {
        try {
            claims.insertOne(new Document("_id", creditCode).append("tenantId", tenantId)
                                                             .append("claimedAt", Date.from(at)));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean takeOver(Claim previous, String tenantId, Instant at) {
        return claims.updateOne(Filters.and(Filters.eq("_id", previous.creditCode()),
                                            Filters.eq("tenantId", previous.tenantId()),
                                            Filters.eq("claimedAt", Date.from(previous.claimedAt()))),
                                Updates.combine(Updates.set("tenantId", tenantId),
                                                Updates.set("claimedAt", Date.from(at))))
                     .getModifiedCount() == 1;
    }

    @Override
    public void release(String creditCode, String tenantId) {
        claims.deleteOne(Filters.and(Filters.eq("_id", creditCode), Filters.eq("tenantId", tenantId)));
    }
}
