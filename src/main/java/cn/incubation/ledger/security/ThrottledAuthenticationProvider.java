package cn.incubation.ledger.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Duration;

/**
 * Checks a password only when {@link LoginThrottle} lets the attempt through, and tells it how the check went: the
 * same for HTTP Basic and the login form, whose filters both give the client's address as the details.
 */
final class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider delegate;
    private final LoginThrottle throttle;

    ThrottledAuthenticationProvider(AuthenticationProvider delegate, LoginThrottle throttle) {
        this.delegate = delegate;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web
                ? web.getRemoteAddress() : "";
        Duration locked = throttle.lockedFor(username, address);
        if (!locked.isZero()) {
            throw new LoginThrottledException(locked);
        }
        Authentication authenticated;
        try {
            authenticated = delegate.authenticate(authentication);
        } catch (AuthenticationException e) {
            throttle.failed(username, address);
            throw e;
        }
        throttle.succeeded(username);
        return authenticated;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }
}
