package cn.incubation.ledger.ui;

import cn.incubation.ledger.security.Role;
import org.springframework.stereotype.Component;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static cn.incubation.ledger.security.Role.ADMIN;
import static cn.incubation.ledger.security.Role.ANALYST;
import static cn.incubation.ledger.security.Role.OPERATOR;

/**
 * The pages in the header, each with the roles that may open it (the same roles as its rule in
 * {@code security.AccessRules}). A new page adds its item here and its rule there; the home page lists a role's items.
 */
@Component
public class Navigation {

    /** One page: where it is, the message key of its name, and who may open it. */
    public record Item(String path, String messageKey, Set<Role> roles) {
    }

    private final List<Item> items = List.of(
            new Item("/overview", "nav.overview", EnumSet.of(ADMIN, OPERATOR, ANALYST)),
            new Item("/forms", "nav.forms", EnumSet.of(OPERATOR)),
            new Item("/admin/projections", "nav.admin.projections", EnumSet.of(ADMIN)),
            new Item("/admin/users", "nav.admin.users", EnumSet.of(ADMIN)),
            new Item("/admin/verification", "nav.admin.verification", EnumSet.of(ADMIN)));

    /** The pages this role may open, in header order. */
    public List<Item> forRole(Role role) {
        return items.stream().filter(item -> item.roles().contains(role)).toList();
    }
}
