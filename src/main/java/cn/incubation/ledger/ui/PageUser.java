package cn.incubation.ledger.ui;

import cn.incubation.ledger.security.Role;

/** The signed-in user as the layout shows it: name and role. */
public record PageUser(String name, Role role) {
}
