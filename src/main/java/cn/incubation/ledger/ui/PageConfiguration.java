package cn.incubation.ledger.ui;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

import java.time.Duration;
import java.util.Collections;
import java.util.Locale;

/**
 * The pages' language: Chinese or English only. A choice made with {@code ?lang=en} or {@code ?lang=zh} is kept in a
 * cookie for a year; without one, the browser's {@code Accept-Language} decides, and Chinese when it names neither.
 */
@Configuration(proxyBeanMethods = false)
class PageConfiguration implements WebMvcConfigurer {

    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    static final String LANGUAGE_PARAMETER = "lang";
    static final String LANGUAGE_COOKIE = "ledger-lang";

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver(LANGUAGE_COOKIE) {
            @Override
            public void setLocaleContext(HttpServletRequest request, HttpServletResponse response,
                                         LocaleContext localeContext) {
                Locale chosen = localeContext == null ? null : localeContext.getLocale();
                super.setLocaleContext(request, response,
                                       chosen == null ? null : new SimpleLocaleContext(supported(chosen)));
            }
        };
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setDefaultLocaleFunction(PageConfiguration::fromAcceptLanguage);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName(LANGUAGE_PARAMETER);
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).excludePathPatterns("/api/**");
    }

    /** English for English, Chinese for anything else: the two languages the pages are written in. */
    static Locale supported(Locale locale) {
        return "en".equals(locale.getLanguage()) ? Locale.ENGLISH : CHINESE;
    }

    /** The first of the browser's languages the pages are written in; Chinese when it names none of them. */
    private static Locale fromAcceptLanguage(HttpServletRequest request) {
        if (request.getHeader("Accept-Language") == null) {
            return CHINESE;
        }
        for (Locale locale : Collections.list(request.getLocales())) {
            if ("en".equals(locale.getLanguage()) || "zh".equals(locale.getLanguage())) {
                return supported(locale);
            }
        }
        return CHINESE;
    }
}
