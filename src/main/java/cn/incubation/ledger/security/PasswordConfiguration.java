package cn.incubation.ledger.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** How passwords are hashed and checked, with or without a web server (the command line adds users too). */
@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

    /** BCrypt through Spring's delegating encoder (hashes say their algorithm), remembering recent matches. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new RememberedPasswords(PasswordEncoderFactories.createDelegatingPasswordEncoder());
    }
}
