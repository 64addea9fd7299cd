package cn.incubation.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * The application's one Jackson 2 mapper: the events, snapshots and projection documents are written with it, and the
 * HTTP layer reads and writes through a strict copy of it (web/StrictJsonConfiguration). It is built by Spring Boot's
 * Jackson 2 builder, so the {@code spring.jackson2.*} settings in config/application.yml and Boot's defaults (dates
 * as text, not timestamps) apply.
 *
 * <p>Defined here rather than left to auto-configuration: under Spring Boot 4 nothing orders Axon's
 * {@code ObjectMapperAutoConfiguration} (a bare {@code new ObjectMapper()}) after Boot's {@code Jackson2AutoConfiguration},
 * and whichever ran first would decide the format of every stored event.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    @Bean
    @Primary
    ObjectMapper objectMapper(Jackson2ObjectMapperBuilder builder) {
        return builder.createXmlMapper(false).build();
    }
}
