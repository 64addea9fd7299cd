package cn.incubation.ledger.security;

import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.RequestMatcherDelegatingAccessDeniedHandler;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.LinkedHashMap;
import java.util.Set;

/**
 * Spring Security for the ledger, in three filter chains: the API ({@code /api/**}: HTTP Basic on every request, no
 * session, no CSRF token since no browser session carries it; {@link AccessRules} decide), actuator (health for
 * anyone, without details unless an administrator asks; the rest for administrators) and the pages (the ledger's
 * own login page with a session and CSRF protection, {@link AccessRules#authorizePages} deciding; HTTP Basic too,
 * for clients of the API that stray).
 * A ledger started without a web server (the command line's {@code replay}, {@code report}, {@code user}) has none.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
public class SecurityConfiguration {

    /** The realm HTTP Basic names in its challenge. */
    public static final String REALM = "Incubation Ledger";

    @Bean
    AuthenticationManager authenticationManager(UserStore users, LocalCredentials local, PasswordEncoder passwords,
                                                LoginThrottle throttle) {
        DaoAuthenticationProvider checked = new DaoAuthenticationProvider(new LedgerUserDetailsService(users, local));
        checked.setPasswordEncoder(passwords);
        return new ProviderManager(new ThrottledAuthenticationProvider(checked, throttle));
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, AccessRules rules, AuthenticationEntryPoint refusals, AccessDeniedHandler denials,
                            AuthenticationManager authentication) throws Exception {
        return http.securityMatcher("/api/**")
                   .authenticationManager(authentication)
                   .authorizeHttpRequests(rules::authorize)
                   .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(refusals))
                   .exceptionHandling(e -> e.authenticationEntryPoint(refusals).accessDeniedHandler(denials))
                   .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                   .csrf(AbstractHttpConfigurer::disable)
                   .requestCache(AbstractHttpConfigurer::disable)
                   .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain actuator(HttpSecurity http, AuthenticationEntryPoint refusals, AccessDeniedHandler denials, AuthenticationManager authentication)
            throws Exception {
        return http.securityMatcher(EndpointRequest.toAnyEndpoint())
                   .authenticationManager(authentication)
                   .authorizeHttpRequests(a -> a.requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                                                .anyRequest().hasRole(Role.ADMIN.name()))
                   .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(refusals))
                   .exceptionHandling(e -> e.authenticationEntryPoint(refusals).accessDeniedHandler(denials))
                   .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                   .requestCache(AbstractHttpConfigurer::disable)
                   .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain pages(HttpSecurity http, AccessRules rules, AuthenticationEntryPoint refusals, AccessDeniedHandler denials,
                              AuthenticationManager authentication) throws Exception {
        // A browser asking for a page it may not open sees the denied page in its language; anything else the problem.
        AccessDeniedHandlerImpl deniedPage = new AccessDeniedHandlerImpl();
        deniedPage.setErrorPage("/denied");
        MediaTypeRequestMatcher browser = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        browser.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        LinkedHashMap<RequestMatcher, AccessDeniedHandler> byClient = new LinkedHashMap<>();
        byClient.put(browser, deniedPage);
        return http.authenticationManager(authentication)
                   .authorizeHttpRequests(rules::authorizePages)
                   .formLogin(form -> form.loginPage("/login").permitAll())
                   .logout(logout -> logout.permitAll())
                   .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(refusals))
                   .exceptionHandling(e -> e.accessDeniedHandler(
                           new RequestMatcherDelegatingAccessDeniedHandler(byClient, denials)))
                   .build();
    }
}
