package cn.incubation.ledger.security;

import jakarta.servlet.DispatcherType;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.stereotype.Component;

import java.util.List;

import static cn.incubation.ledger.security.Role.ADMIN;
import static cn.incubation.ledger.security.Role.ANALYST;
import static cn.incubation.ledger.security.Role.FUND_MANAGER;
import static cn.incubation.ledger.security.Role.OPERATOR;

/**
 * Who may do what, one rule per kind of API request, applied by Spring Security before a controller sees the request.
 * A request that no rule names is the administrators' alone, so that a new endpoint is closed until given a rule.
 *
 * <p>Writing: administrators (the bureau) register carriers, accredit and rate them and close them; an operator
 * records every other fact of its carriers and their tenants. The annual rating is the bureau's for the same reason
 * accreditation is: it is the bureau's judgement of the carrier, not a fact the carrier reports. Reading: operators
 * their carriers, tenants, histories and trails and the regional figures; fund managers trails and carrier and tenant
 * state (one limited to investors reads the trails of those investors only: a tenant's or carrier's trail holds
 * everyone's investments and their totals, so it is refused rather than cut); analysts regional figures, histories
 * and states. Warnings name carriers and tenants: an operator reads its own carriers', analysts every region's and
 * carrier's. The region catalog is reference data every role reads.
 *
 * <p>Lists and search: a region's carriers are listed by those who read regional figures; tenants are searched by
 * those who read tenant states (fund managers included, as they read any tenant's state); an operator's lists are cut
 * to its own carriers instead of refused, and a carrier's tenants are read as the carrier is. The investor list is the
 * fund managers' (and the bureau's), a limited fund manager's cut to its investors.
 *
 * <p>The web pages have rules of their own ({@link #pages()}), each giving a page to the roles that may read what it
 * shows through the API; a page without a rule is the administrators' alone, as an endpoint is.
 */
@Component
class AccessRules {

    /** One rule: requests of this method on this path pattern, and who may make them. */
    record Rule(HttpMethod method, String pattern, Access access) {
    }

    /** Paths anyone may ask for: the login page and what it needs, the error page, the API's description. */
    static final String[] PUBLIC_PAGES = {"/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error",
                                          "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui.html",
                                          "/swagger-ui/**"};

    private final List<Rule> rules;
    private final List<Rule> pages;
    private final Access fallback;

    AccessRules(LedgerRecords records) {
        Access admin = Access.roles(records, ADMIN);
        this.fallback = admin;
        this.rules = List.of(
                new Rule(HttpMethod.GET, "/api/users", admin),
                new Rule(HttpMethod.POST, "/api/users", admin),
                new Rule(HttpMethod.GET, "/api/users/{name}", admin),
                new Rule(HttpMethod.PATCH, "/api/users/{name}", admin),

                new Rule(HttpMethod.POST, "/api/incubators", admin),
                new Rule(HttpMethod.POST, "/api/incubators/{id}/accreditations", admin),
                new Rule(HttpMethod.POST, "/api/incubators/{id}/ratings", admin),
                new Rule(HttpMethod.POST, "/api/incubators/{id}/closure", admin),
                new Rule(HttpMethod.POST, "/api/incubators/{id}/floor-area", admin.operatorOfCarrier("id")),
                new Rule(HttpMethod.POST, "/api/incubators/{id}/staff", admin.operatorOfCarrier("id")),
                new Rule(HttpMethod.GET, "/api/incubators/{id}",
                         Access.roles(records, ADMIN, FUND_MANAGER, ANALYST).operatorOfCarrier("id")),
                new Rule(HttpMethod.GET, "/api/incubators/{id}/history",
                         Access.roles(records, ADMIN, ANALYST).operatorOfCarrier("id")),
                // Warnings are the bureau's and the carrier's own filer's business; standing is the state's figures
                // read against the rules, so whoever reads the state reads it.
                new Rule(HttpMethod.GET, "/api/incubators/{id}/warnings",
                         Access.roles(records, ADMIN, ANALYST).operatorOfCarrier("id")),
                new Rule(HttpMethod.GET, "/api/incubators/{id}/standing",
                         Access.roles(records, ADMIN, FUND_MANAGER, ANALYST).operatorOfCarrier("id")),
                new Rule(HttpMethod.GET, "/api/incubators/{id}/investments",
                         admin.operatorOfCarrier("id").fundManagerUnlimitedOnly()),
                new Rule(HttpMethod.GET, "/api/incubators/{id}/tenants",
                         Access.roles(records, ADMIN, FUND_MANAGER, ANALYST).operatorOfCarrier("id")),
                // Lists are cut to the operator's carriers rather than refused, so one page serves every role.
                new Rule(HttpMethod.GET, "/api/carriers",
                         Access.roles(records, ADMIN, ANALYST).operatorWithinItsCarriers()),

                new Rule(HttpMethod.POST, "/api/tenants", admin.operatorOfCarrierInBody()),
                new Rule(HttpMethod.POST, "/api/tenants/{id}/**", admin.operatorOfTenant("id")),
                new Rule(HttpMethod.GET, "/api/tenants",
                         Access.roles(records, ADMIN, FUND_MANAGER, ANALYST).operatorWithinItsCarriers()),
                new Rule(HttpMethod.GET, "/api/tenants/{id}",
                         Access.roles(records, ADMIN, FUND_MANAGER, ANALYST).operatorOfTenant("id")),
                new Rule(HttpMethod.GET, "/api/tenants/{id}/investments",
                         admin.operatorOfTenant("id").fundManagerUnlimitedOnly()),
                new Rule(HttpMethod.GET, "/api/investors/{investor}/investments",
                         admin.fundManagerOfInvestor("investor")),
                // A fund manager limited to investors is shown only those (see ListScope).
                new Rule(HttpMethod.GET, "/api/investors", Access.roles(records, ADMIN, FUND_MANAGER)),

                new Rule(HttpMethod.GET, "/api/regions", Access.roles(records, Role.values())),
                new Rule(HttpMethod.GET, "/api/regions/{code}", Access.roles(records, Role.values())),
                // A region's warnings name other carriers' tenants: an operator reads its own carriers' instead.
                new Rule(HttpMethod.GET, "/api/regions/{code}/warnings", Access.roles(records, ADMIN, ANALYST)),
                new Rule(HttpMethod.GET, "/api/regions/{code}/*", Access.roles(records, ADMIN, OPERATOR, ANALYST)),

                new Rule(null, "/api/projections/**", admin),
                // Verification and checkpoints: the bureau's check that nobody edited the store.
                new Rule(null, "/api/ledger/**", admin));

        // The pages read what the API's rules let the same role read: the overview shows the regional figures.
        Access everyRole = Access.roles(records, Role.values());
        Access regionalFigures = Access.roles(records, ADMIN, OPERATOR, ANALYST);
        Access history = Access.roles(records, ADMIN, ANALYST);
        this.pages = List.of(
                new Rule(HttpMethod.GET, "/", everyRole),
                new Rule(null, "/denied", everyRole),
                new Rule(HttpMethod.GET, "/overview", regionalFigures),
                new Rule(HttpMethod.GET, "/overview/export", regionalFigures),
                // A carrier's and a tenant's page show their timeline, which is history: its readers read them.
                // The "go to" box only redirects: the page it leads to has its own rule.
                new Rule(HttpMethod.GET, "/jump", everyRole),
                new Rule(HttpMethod.GET, "/carriers/{id}", history.operatorOfCarrier("id")),
                new Rule(HttpMethod.GET, "/carriers/{id}/export", history.operatorOfCarrier("id")),
                new Rule(HttpMethod.GET, "/tenants/{id}", history.operatorOfTenant("id")),
                new Rule(HttpMethod.GET, "/tenants/{id}/export", history.operatorOfTenant("id")),
                // The trails as the API gives them: a carrier's or tenant's trail holds everyone's investments.
                new Rule(HttpMethod.GET, "/trails/carriers/{id}",
                         admin.operatorOfCarrier("id").fundManagerUnlimitedOnly()),
                new Rule(HttpMethod.GET, "/trails/carriers/{id}/export",
                         admin.operatorOfCarrier("id").fundManagerUnlimitedOnly()),
                new Rule(HttpMethod.GET, "/trails/tenants/{id}",
                         admin.operatorOfTenant("id").fundManagerUnlimitedOnly()),
                new Rule(HttpMethod.GET, "/trails/tenants/{id}/export",
                         admin.operatorOfTenant("id").fundManagerUnlimitedOnly()),
                new Rule(HttpMethod.GET, "/trails/investors/{investor}", admin.fundManagerOfInvestor("investor")),
                new Rule(HttpMethod.GET, "/trails/investors/{investor}/export",
                         admin.fundManagerOfInvestor("investor")),
                // The forms record what the API's command rules let the same user record: its own carriers' facts.
                new Rule(HttpMethod.GET, "/forms", Access.roles(records, ADMIN, OPERATOR)),
                new Rule(null, "/carriers/{id}/forms/**", admin.operatorOfCarrier("id")),
                new Rule(null, "/tenants/{id}/forms/**", admin.operatorOfTenant("id")),
                new Rule(null, "/tenants/{id}/investments/{investmentId}/forms/*", admin.operatorOfTenant("id")),
                // The administration pages do what /api/projections, /api/users and /api/ledger do.
                new Rule(null, "/admin/**", admin));
    }

    List<Rule> rules() {
        return rules;
    }

    List<Rule> pages() {
        return pages;
    }

    void authorize(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry registry) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        for (Rule rule : rules) {
            registry.requestMatchers(paths.matcher(rule.method(), rule.pattern())).access(rule.access());
        }
        registry.anyRequest().access(fallback);
    }

    /**
     * The pages' chain: public paths, then one rule per page, the rest the administrators' alone like the API. Error
     * dispatches and forwards (to the denied page) were decided on the request that led to them.
     */
    void authorizePages(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry registry) {
        registry.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                .requestMatchers(PUBLIC_PAGES).permitAll();
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        for (Rule rule : pages) {
            registry.requestMatchers(paths.matcher(rule.method(), rule.pattern())).access(rule.access());
        }
        registry.anyRequest().access(fallback);
    }
}
