package cn.incubation.ledger.verification;

import java.util.List;

/** Where checkpoints are kept beside the events (the {@code ledger_checkpoints} collection). */
public interface CheckpointStore {

    /**
     * Every checkpoint stored, by position. One whose fields cannot be read comes back with a null digest, so that
     * verification names it instead of passing over it.
     */
    List<Checkpoint> all();

    /** Stores the checkpoint unless one is stored at its position already; answers the one stored there. */
    Added add(Checkpoint checkpoint);

    /** The checkpoint stored at the position, and whether this call stored it. */
    record Added(Checkpoint checkpoint, boolean created) {
    }
}
