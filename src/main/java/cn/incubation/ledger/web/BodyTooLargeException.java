package cn.incubation.ledger.web;

import java.io.IOException;

/** A request body over the ledger's limit; answered 413 and never read to its end. */
class BodyTooLargeException extends IOException {

    private final long size;
    private final long limit;

    BodyTooLargeException(long size, long limit) {
        super("request body of at least " + size + " bytes exceeds the limit of " + limit + " bytes");
        this.size = size;
        this.limit = limit;
    }

    long size() {
        return size;
    }

    long limit() {
        return limit;
    }
}
