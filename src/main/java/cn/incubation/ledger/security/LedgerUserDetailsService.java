package cn.incubation.ledger.security;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Loads a user for Spring Security from the user store (one key lookup per sign-in), or a local principal. Not a
 * bean of its own: Spring Security would build a second, unthrottled authentication manager around one.
 */
class LedgerUserDetailsService implements UserDetailsService {

    private final UserStore store;
    private final LocalCredentials local;

    LedgerUserDetailsService(UserStore store, LocalCredentials local) {
        this.store = store;
        this.local = local;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        if (username.endsWith(LocalCredentials.SUFFIX)) {
            return local.find(username).orElseThrow(() -> new UsernameNotFoundException("no such local principal"));
        }
        return store.find(username).map(LedgerPrincipal::of)
                    .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}
