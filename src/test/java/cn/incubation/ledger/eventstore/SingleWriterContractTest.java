package cn.incubation.ledger.eventstore;

/** Axon's storage-engine contract again, with global indexes allocated in the process (the embedded default). */
class SingleWriterContractTest extends MongoEventStorageEngineContractTest {

    @Override
    MongoEventStorageEngine.IndexAllocation indexAllocation() {
        return MongoEventStorageEngine.IndexAllocation.SINGLE_WRITER;
    }
}
