package cn.incubation.ledger.security;

import java.util.Set;

/**
 * How far the signed-in user's lists reach; the security module answers. An operator's carrier and tenant lists are
 * cut to its own carriers, and a fund manager limited to investors sees only those in the investor list: a list is
 * filtered, never refused.
 */
public interface ListScope {

    /** The carriers whose carriers and tenants the user's lists may show, or null for every carrier. */
    Set<String> carriers();

    /** The investors the user's investor list may show, or null for every investor. */
    Set<String> investors();
}
