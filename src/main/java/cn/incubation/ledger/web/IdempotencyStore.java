package cn.incubation.ledger.web;

import cn.incubation.ledger.shared.Accepted;

import java.time.Instant;
import java.util.Optional;

/**
 * Remembers each {@code Idempotency-Key} with the request it came with and the answer it got, so a repeated request
 * gets the first answer and stores nothing new, also after a restart. A key is first reserved, then completed with
 * the answer, or released when the command was rejected (a rejected command stored nothing, so a retry may try
 * again). Keys are forgotten after a while (see {@code ledger.api.idempotency-ttl}); stores may delete them then.
 */
public interface IdempotencyStore {

    /** Reserves a key for a request; false when the key is already known. */
    boolean reserve(String key, String fingerprint, Instant at);

    Optional<Entry> find(String key);

    /** Hands a reservation that looks abandoned to a new attempt; false when someone else changed it meanwhile. */
    boolean takeOver(Entry abandoned, Instant at);

    /** Starts a key over for a new request once it has been forgotten; false when someone else changed it meanwhile. */
    boolean renew(Entry expired, String fingerprint, Instant at);

    void complete(String key, Answer answer);

    void release(String key, String fingerprint);

    /** A key, the request it was first used with, when, and the answer once there is one. */
    record Entry(String key, String fingerprint, Instant reservedAt, Answer answer) {
    }

    /** The answer to a command: its HTTP status, the Location of what it created (or null), and its body. */
    record Answer(int status, String location, Accepted body) {
    }
}
