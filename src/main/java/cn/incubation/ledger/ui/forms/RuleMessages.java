package cn.incubation.ledger.ui.forms;

import cn.incubation.ledger.shared.LedgerRejection;
import org.springframework.context.MessageSource;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ledger's rules, which it states in English for the API, in the reader's language: each rule the forms commonly
 * meet has a message key ({@code rule.*}) and a pattern whose groups are the message's arguments. A rule without a key
 * is shown as the ledger states it.
 */
public final class RuleMessages {

    private record Known(Pattern pattern, String key) {
    }

    private static final List<Known> KNOWN = List.of(
            known("is required", "rule.required"),
            known("is required: it holds only invisible characters", "rule.required"),
            known("must be at most (\\d+) characters", "rule.maxLength"),
            known("must not be before (\\d{4}-\\d{2}-\\d{2})", "rule.notBefore"),
            known("must not be after today \\((.+)\\)", "rule.notAfterToday"),
            known("must not be negative", "rule.notNegative"),
            known("must be positive", "rule.positive"),
            known("must be at most ([\\d.]+)", "rule.atMost"),
            known("must have at most (\\d+) decimal places", "rule.decimals"),
            known("must have 18 characters \\(GB 32100-2015\\)", "rule.creditCode.length"),
            known("character (\\d+) '(.)' is not allowed .*", "rule.creditCode.character"),
            known("check character must be '(.)' \\(GB 32100-2015\\)", "rule.creditCode.check"),
            known("must be the ISO 4217 code of a currency, such as CNY or USD", "rule.currency"),
            known("is required when the currency is not CNY", "rule.cnyRate.required"),
            known("must be 1 or absent for CNY", "rule.cnyRate.cny"),
            known("must not be before the tenant was admitted \\((.+)\\)", "rule.beforeAdmission"),
            known("must not be before the company was founded \\((.+)\\)", "rule.beforeFounding"),
            known("must not be before the carrier opened \\((.+)\\)", "rule.beforeOpening"),
            known("the incubation already ended: (\\w+) on (.+)", "rule.ended"),
            known("this IP is already recorded for the tenant", "rule.ipRecorded"),
            known("the investment was retracted and cannot be corrected", "rule.retracted"),
            known("the investment is already retracted", "rule.retracted"),
            known("changes nothing: every value given equals the recorded one", "rule.changesNothing"),
            known("must change at least one of .*", "rule.changeSomething"),
            known("was already used with a different request; use a new key for a new request", "rule.keyReused"),
            known("must be at least (\\d+) characters.*", "rule.minLength"),
            known("must match \\[a-z\\]\\[a-z0-9._-\\]\\{2,63\\}.*", "rule.username"),
            known("is taken by another user", "rule.usernameTaken"),
            known("an OPERATOR needs at least one carrier.*", "rule.operatorCarriers"),
            known("is not a carrier in the ledger; register it first", "rule.unknownCarrier"),
            known("is already being rebuilt.*", "rule.rebuilding"),
            known("is not a projection; known: .*", "rule.unknownProjection"),
            known("is the last enabled ADMIN.*", "rule.lastAdmin"),
            known("no user has this name", "rule.unknownUser"),
            known("a request with this key is still being processed; retry in a moment", "rule.keyInProgress"));

    private RuleMessages() {
    }

    /** The rule in the reader's language where a key says it; as the ledger stated it otherwise. */
    public static String translate(String rule, MessageSource messages, Locale locale) {
        for (Known known : KNOWN) {
            Matcher matcher = known.pattern().matcher(rule);
            if (matcher.matches()) {
                Object[] arguments = new Object[matcher.groupCount()];
                for (int i = 0; i < arguments.length; i++) {
                    arguments[i] = matcher.group(i + 1);
                }
                return messages.getMessage(known.key(), arguments, rule, locale);
            }
        }
        return rule;
    }

    /** A refusal about no one field of a form: what it concerns, its value, and the rule in the reader's language. */
    public static String refusal(LedgerRejection rejection, MessageSource messages, Locale locale) {
        String rule = translate(rejection.rule(), messages, locale);
        return rejection.value() == null ? rule : rejection.value() + (locale.getLanguage().equals("en") ? ": " : "：")
                + rule;
    }

    private static Known known(String pattern, String key) {
        return new Known(Pattern.compile(pattern), key);
    }
}
