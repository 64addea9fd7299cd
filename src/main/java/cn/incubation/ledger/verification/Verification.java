package cn.incubation.ledger.verification;

import java.util.List;

/**
 * The answer of one walk over the ledger: whether it holds exactly what was appended, how many events were checked,
 * the last event's global index ({@code head}) and the running digest of the stream up to it, and every problem with
 * its place.
 *
 * @param checked      hashed events whose hash and chain were checked
 * @param digest       the running SHA-256 over the hashes of the events up to {@code head}, in hex: what a
 *                     checkpoint at {@code head} would hold
 * @param problems     the problems in stream order; at most {@value LedgerWalk#MAX_LISTED} of them
 * @param problemCount how many problems there are in all
 * @param unhashed     events written before the ledger hashed its events (not checked, and not in the digest)
 * @param tombstones   global indexes that hold a tombstone (given up, or of a failed append): not events
 * @param pending      events of appends not decided yet (in flight, or left by a writer that died): not yet events
 * @param checkpoints  checkpoints compared with the stream
 */
public record Verification(boolean ok, long checked, long head, String digest, List<Problem> problems,
                           long problemCount, long unhashed, long tombstones, long pending, int checkpoints) {
}
