package cn.incubation.ledger.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an {@link java.time.Instant} query parameter read as the ledger's {@code knownAt}: an instant, an offset
 * date-time, or a date meaning the end of that day in China, within the ledger's window. Spring binds it through
 * {@link QueryParameterConfiguration}, which hands the text to {@link cn.incubation.ledger.shared.TimeParameters}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD})
@interface KnownAt {
}
