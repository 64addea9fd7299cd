package cn.incubation.ledger.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Names the API in its OpenAPI description, served at {@code /v3/api-docs} (and {@code /swagger-ui.html}), with the
 * HTTP Basic sign-in that every {@code /api/**} request needs.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BASIC = "basicAuth";

    @Bean
    OpenAPI ledgerApi() {
        return new OpenAPI().info(new Info()
                .title("Incubation Ledger API")
                .version("v1")
                .description("Commands that record what happens to incubators and their tenants, and queries over "
                        + "the ledger. Every request signs in with HTTP Basic as a ledger user; its role (ADMIN, "
                        + "OPERATOR scoped to carriers, FUND_MANAGER optionally scoped to investors, ANALYST) decides "
                        + "what it may do, and a refusal is a 403 naming the role and the scope it lacked. Dates are "
                        + "YYYY-MM-DD, money is a decimal string. Errors are RFC 9457 problem details naming the "
                        + "field, the value and the rule. Idempotency-Key makes a command safe to repeat; If-Match "
                        + "makes it conditional on the aggregate's version (the ETag)."))
                .components(new Components().addSecuritySchemes(BASIC, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("A ledger user's username and password")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC));
    }
}
