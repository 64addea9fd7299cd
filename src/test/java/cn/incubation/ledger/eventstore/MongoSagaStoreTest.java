package cn.incubation.ledger.eventstore;

import cn.incubation.ledger.mongo.EmbeddedMongo;
import com.mongodb.client.MongoDatabase;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.MongoSagaStore;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValuesImpl;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Sagas are kept in MongoDB by the Axon Mongo extension's store; this checks it works on the embedded server. */
class MongoSagaStoreTest {

    private MongoDatabase database;
    private MongoSagaStore store;

    @BeforeEach
    void setUp() {
        database = EmbeddedMongo.freshDatabase();
        store = MongoSagaStore.builder()
                              .mongoTemplate(DefaultMongoTemplate.builder()
                                                                 .mongoDatabase(EmbeddedMongo.client(), database.getName())
                                                                 .build())
                              .serializer(JacksonSerializer.defaultSerializer())
                              .build();
    }

    @AfterEach
    void tearDown() {
        database.drop();
    }

    @Test
    void sagaIsFoundByItsAssociationAndLoadedWithItsState() {
        AssociationValuesImpl associations = new AssociationValuesImpl(Set.of(new AssociationValue("tenantId", "t-1")));
        store.insertSaga(FollowUp.class, "saga-1", new FollowUp("t-1", 1), associations.asSet());

        assertThat(store.findSagas(FollowUp.class, new AssociationValue("tenantId", "t-1"))).containsExactly("saga-1");
        assertThat(store.findSagas(FollowUp.class, new AssociationValue("tenantId", "t-2"))).isEmpty();
        SagaStore.Entry<FollowUp> entry = store.loadSaga(FollowUp.class, "saga-1");
        assertThat(entry.saga()).isEqualTo(new FollowUp("t-1", 1));
        assertThat(entry.associationValues()).containsExactly(new AssociationValue("tenantId", "t-1"));
    }

    @Test
    void updatedSagaKeepsItsNewStateAndAssociations() {
        AssociationValuesImpl associations = new AssociationValuesImpl(Set.of(new AssociationValue("tenantId", "t-1")));
        store.insertSaga(FollowUp.class, "saga-1", new FollowUp("t-1", 1), associations.asSet());

        associations.add(new AssociationValue("investmentId", "inv-9"));
        store.updateSaga(FollowUp.class, "saga-1", new FollowUp("t-1", 2), associations);

        assertThat(store.loadSaga(FollowUp.class, "saga-1").saga().reminders()).isEqualTo(2);
        assertThat(store.findSagas(FollowUp.class, new AssociationValue("investmentId", "inv-9")))
                .containsExactly("saga-1");
    }

    @Test
    void deletedSagaIsGone() {
        Set<AssociationValue> associations = Set.of(new AssociationValue("tenantId", "t-1"));
        store.insertSaga(FollowUp.class, "saga-1", new FollowUp("t-1", 1), associations);

        store.deleteSaga(FollowUp.class, "saga-1", associations);

        assertThat(store.loadSaga(FollowUp.class, "saga-1")).isNull();
        assertThat(store.findSagas(FollowUp.class, new AssociationValue("tenantId", "t-1"))).isEmpty();
    }

    /** A saga's state, as a record the serializer can read back. */
    record FollowUp(String tenantId, int reminders) {
    }
}
