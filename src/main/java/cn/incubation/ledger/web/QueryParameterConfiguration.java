package cn.incubation.ledger.web;

import cn.incubation.ledger.shared.TimeParameters;
import org.springdoc.core.customizers.ParameterCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;
import org.springframework.format.AnnotationFormatterFactory;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.beans.PropertyEditorSupport;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;

/**
 * How Spring binds the typed query parameters: dates as ISO {@code YYYY-MM-DD}, {@code knownAt} through
 * {@link TimeParameters} (the one reading of it, shared with the pages and the command line), whole numbers in
 * decimal, and enum names with case ignored (as the region queries always took them). A value these refuse reaches
 * {@link ProblemAdvice} as a type mismatch, which names the parameter, the value and the rule.
 */
@Configuration(proxyBeanMethods = false)
class QueryParameterConfiguration implements WebMvcConfigurer {

    private final TimeParameters times;

    QueryParameterConfiguration(TimeParameters times) {
        this.times = times;
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        // Every LocalDate is YYYY-MM-DD, strictly (no offset, no 30 February), blanks around it ignored as the hand
        // parsing did, without an annotation on each parameter; Boot's default would be the locale's short form.
        registry.addFormatterForFieldType(LocalDate.class, new Formatter<LocalDate>() {
            @Override
            public LocalDate parse(String text, Locale locale) {
                return LocalDate.parse(text.strip());
            }

            @Override
            public String print(LocalDate date, Locale locale) {
                return date.toString();
            }
        });
        registry.addFormatterForFieldAnnotation(new KnownAtFormatterFactory(times));
        registry.addConverterFactory(new AnyCaseEnum());
    }

    /** The description says what {@code knownAt} takes besides the date-time its schema names. */
    @Bean
    ParameterCustomizer knownAtDescription() {
        return (parameter, method) -> {
            if (parameter != null && method != null && method.hasParameterAnnotation(KnownAt.class)
                    && parameter.getDescription() == null) {
                parameter.setDescription("Only facts recorded by this instant (default now): an instant such as "
                        + "2023-07-15T10:00:00Z, an offset date-time such as 2023-07-15T18:00:00+08:00, or a date "
                        + "meaning the end of that day in China");
            }
            return parameter;
        };
    }

    /** Binds {@code @KnownAt Instant}; a refusal is thrown as the ledger's own, which names the rule. */
    record KnownAtFormatterFactory(TimeParameters times) implements AnnotationFormatterFactory<KnownAt> {

        @Override
        public Set<Class<?>> getFieldTypes() {
            return Set.of(Instant.class);
        }

        @Override
        public Formatter<Instant> getPrinter(KnownAt annotation, Class<?> fieldType) {
            return formatter();
        }

        @Override
        public Formatter<Instant> getParser(KnownAt annotation, Class<?> fieldType) {
            return formatter();
        }

        private Formatter<Instant> formatter() {
            return new Formatter<>() {
                @Override
                public Instant parse(String text, Locale locale) {
                    return times.knownAt(text);
                }

                @Override
                public String print(Instant instant, Locale locale) {
                    return instant.toString();
                }
            };
        }
    }

    /**
     * Whole numbers of the API's parameters in decimal digits only. Spring's own reading, which it falls back to even
     * past a stricter converter, takes 0x10 and #10 as hexadecimal and "1 0" as 10.
     */
    @ControllerAdvice(basePackageClasses = QueryParameterConfiguration.class)
    static class DecimalWholeNumbers {

        @InitBinder
        void decimalOnly(WebDataBinder binder) {
            binder.registerCustomEditor(Integer.class, new PropertyEditorSupport() {
                @Override
                public void setAsText(String text) {
                    String digits = text == null ? "" : text.strip();
                    setValue(digits.isEmpty() ? null : Integer.valueOf(digits));
                }
            });
        }
    }

    /** An enum constant by its name, case ignored; empty is absent. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static final class AnyCaseEnum implements ConverterFactory<String, Enum> {

        @Override
        public <T extends Enum> Converter<String, T> getConverter(Class<T> targetType) {
            Class<?> type = targetType;
            while (type != null && !type.isEnum()) {
                type = type.getSuperclass();
            }
            Class enumType = type;
            return source -> {
                String name = source.strip();
                if (name.isEmpty()) {
                    return null;
                }
                for (Object constant : enumType.getEnumConstants()) {
                    if (((Enum) constant).name().equalsIgnoreCase(name)) {
                        return (T) constant;
                    }
                }
                throw new IllegalArgumentException("No enum constant " + enumType.getName() + "." + name);
            };
        }
    }
}
