package cn.incubation.ledger.directory;

import java.util.List;

/** A page of a list held in memory: rows {@code page × size} on, at most {@code size} of them. */
public final class Paging {

    /** The largest page a client may ask for. */
    public static final int MAX_SIZE = 200;
    public static final int DEFAULT_SIZE = 50;

    private Paging() {
    }

    public static <T> List<T> page(List<T> sorted, int page, int size) {
        long from = Math.min((long) page * size, sorted.size());
        long to = Math.min(from + size, sorted.size());
        return List.copyOf(sorted.subList((int) from, (int) to));
    }
}
