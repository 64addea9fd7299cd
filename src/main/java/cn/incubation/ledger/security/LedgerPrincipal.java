package cn.incubation.ledger.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A signed-in user as Spring Security holds it: name, role and scopes, and the hash only until it is checked. */
public final class LedgerPrincipal implements UserDetails, CredentialsContainer {

    private final String username;
    private String passwordHash;
    private final Role role;
    private final Set<String> incubators;
    private final Set<String> investors;
    private final boolean enabled;

    LedgerPrincipal(String username, String passwordHash, Role role, Collection<String> incubators,
                    Collection<String> investors, boolean enabled) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
        this.incubators = Set.copyOf(new LinkedHashSet<>(incubators));
        this.investors = Set.copyOf(new LinkedHashSet<>(investors));
        this.enabled = enabled;
    }

    static LedgerPrincipal of(LedgerUser user) {
        return new LedgerPrincipal(user.username(), user.passwordHash(), user.role(), user.incubators(),
                                   user.investors(), !user.disabled());
    }

    /** The ledger's principal behind an authentication, if it has one. */
    public static Optional<LedgerPrincipal> of(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated()
                && authentication.getPrincipal() instanceof LedgerPrincipal principal
                ? Optional.of(principal) : Optional.empty();
    }

    public Role role() {
        return role;
    }

    /** The carriers an operator answers for (empty for other roles). */
    public Set<String> incubators() {
        return incubators;
    }

    /** The investors a fund manager is limited to; empty: every investor. */
    public Set<String> investors() {
        return investors;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String toString() {
        return role + " " + username;
    }
}
