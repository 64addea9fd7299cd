package cn.incubation.ledger.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * Reads request bodies strictly, so that what a client sends is stored as sent or refused, never guessed at: a key
 * given twice, {@code 3.7} for a whole number, a number or {@code true} for a text, an enum by its position, or a
 * date as an array or a number are 400s. Only the HTTP layer reads this way; events and snapshots keep the
 * application's own mapper, which reads what the ledger wrote itself.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    /**
     * The strict converter in the JSON converter's own place among the server's converters (after the byte-array and
     * text ones, so the OpenAPI document, already JSON text, is served as it is). A converter bean would go in front
     * of them all under Spring Boot 4. Ordered after Boot's own Jackson 2 customizer, which sets the plain one.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    ServerHttpMessageConvertersCustomizer strictJsonConverter(ObjectMapper applicationMapper) {
        MappingJackson2HttpMessageConverter strict = new MappingJackson2HttpMessageConverter(strict(applicationMapper.copy()));
        return converters -> converters.withJsonConverter(strict);
    }

    static ObjectMapper strict(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer,
                CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("strict-values").addDeserializer(LocalDate.class, new DateOnly())
                                                                .addDeserializer(BigDecimal.class, new PlainDecimal()));
        return mapper;
    }

    /**
     * A decimal as a JSON number or as text of ASCII digits ({@code "1250000.00"}, {@code "1e6"}): Java would also
     * read full-width or other scripts' digits, which the ledger would then store as a number nobody typed.
     */
    static final class PlainDecimal extends StdScalarDeserializer<BigDecimal> {

        private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

        PlainDecimal() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                return parser.getDecimalValue();
            }
            if (token != JsonToken.VALUE_STRING) {
                return (BigDecimal) context.handleUnexpectedToken(BigDecimal.class, parser);
            }
            String text = parser.getText().strip();
            if (text.isEmpty()) {
                return null;
            }
            if (DECIMAL.matcher(text).matches()) {
                try {
                    return new BigDecimal(text);
                } catch (NumberFormatException e) {
                    // answered below (an exponent beyond an int)
                }
            }
            return (BigDecimal) context.handleWeirdStringValue(BigDecimal.class, text, "not a decimal number");
        }
    }

    /** A business date as the text {@code YYYY-MM-DD}, and nothing else. */
    static final class DateOnly extends StdScalarDeserializer<LocalDate> {

        private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

        DateOnly() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (LocalDate) context.handleUnexpectedToken(LocalDate.class, parser);
            }
            String text = parser.getText().strip();
            if (text.isEmpty()) {
                return null;
            }
            if (DATE.matcher(text).matches()) {
                try {
                    return LocalDate.parse(text);
                } catch (DateTimeException e) {
                    // answered below
                }
            }
            return (LocalDate) context.handleWeirdStringValue(LocalDate.class, text, "not a date YYYY-MM-DD");
        }
    }
}
