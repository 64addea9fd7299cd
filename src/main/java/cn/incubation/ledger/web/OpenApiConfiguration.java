package cn.incubation.ledger.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Names the API in its OpenAPI description, served at {@code /v3/api-docs} (and {@code /swagger-ui.html}). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI ledgerApi() {
        return new OpenAPI().info(new Info()
                .title("Incubation Ledger API")
                .version("v1")
                .description("Commands that record what happens to incubators and their tenants, and queries over "
                        + "the ledger. Dates are YYYY-MM-DD, money is a decimal string. Errors are RFC 9457 problem "
                        + "details naming the field, the value and the rule. Idempotency-Key makes a command safe "
                        + "to repeat; If-Match makes it conditional on the aggregate's version (the ETag)."));
    }
}
