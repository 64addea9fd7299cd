package cn.incubation.ledger.eventstore;

/** The load and failure cases again, with global indexes allocated in the process (the embedded default). */
class SingleWriterTrackingUnderLoadTest extends TrackingUnderLoadTest {

    @Override
    MongoEventStorageEngine.IndexAllocation indexAllocation() {
        return MongoEventStorageEngine.IndexAllocation.SINGLE_WRITER;
    }
}
