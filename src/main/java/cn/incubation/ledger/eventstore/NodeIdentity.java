package cn.incubation.ledger.eventstore;

import java.lang.management.ManagementFactory;

/**
 * The name this ledger process goes by among the nodes sharing one MongoDB ({@code ledger.node-id}; by default
 * {@code <pid>@<host>}, as the JVM names itself): the owner of its writer lease and of its token claims.
 */
public record NodeIdentity(String id) {

    public static NodeIdentity of(String configured) {
        return new NodeIdentity(configured == null || configured.isBlank()
                                        ? ManagementFactory.getRuntimeMXBean().getName() : configured.strip());
    }
}
