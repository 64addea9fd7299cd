package cn.incubation.ledger.security;

import java.time.Instant;
import java.util.List;

/** A user as the API and the command line show it: without its password or hash. */
public record UserView(String username, Role role, List<String> incubators, List<String> investors,
                       boolean disabled, Instant createdAt, Instant changedAt) {
}
