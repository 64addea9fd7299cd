package cn.incubation.ledger.shared;

/**
 * What the ledger answers to an accepted command: the aggregate it changed, that aggregate's version afterwards (the
 * value a later {@code If-Match} names), and the id of anything the command created inside it, such as an
 * investment.
 */
public record Accepted(String id, long version, String investmentId) {

    public static Accepted of(String id, Long version) {
        return new Accepted(id, version, null);
    }
}
