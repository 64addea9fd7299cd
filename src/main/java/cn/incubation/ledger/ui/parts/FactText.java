package cn.incubation.ledger.ui.parts;

import org.springframework.context.MessageSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A recorded fact in one line of the reader's language, from its event type and fields as the timeline gives them
 * (amounts as exact decimal text, enums by name): the carrier page's timeline and the tenant page's facts say the
 * same thing the same way. The words are the overview's {@code fact.*} messages.
 */
public final class FactText {

    private final MessageSource messages;
    private final Locale locale;

    public FactText(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
    }

    /** An event record's fields by name, as the history's entries hold them: for facts read from the event store. */
    public static Map<String, Object> fields(Object event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordComponent component : event.getClass().getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(event);
                fields.put(component.getName(), value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString()
                        : value == null ? null : value instanceof Number || value instanceof Boolean ? value
                        : value.toString());
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + component + " of " + event.getClass(), e);
            }
        }
        return fields;
    }

    /** The kind of fact in a word or two: 入孵, 获得知识产权 … */
    public String type(String type) {
        return messages.getMessage("event." + type, null, type, locale);
    }

    public String describe(String type, Map<String, Object> f) {
        return switch (type) {
            case "IncubatorRegistered" -> text("fact.IncubatorRegistered", f.get("name"), label("kind.", f.get("kind")),
                                               f.get("floorAreaM2"), f.get("staff"));
            case "IncubatorAccredited" -> text("fact.IncubatorAccredited", label("level.", f.get("level")));
            case "FloorAreaChanged" -> text("fact.FloorAreaChanged", f.get("floorAreaM2"));
            case "StaffReported" -> text("fact.StaffReported", f.get("staff"));
            case "IncubatorRated" -> text("fact.IncubatorRated", String.valueOf(f.get("year")),
                                          label("rating.", f.get("rating")));
            case "IncubatorClosed" -> text("fact.IncubatorClosed", f.get("reason"));
            case "TenantAdmitted" -> f.get("teamName") != null && f.get("companyName") == null
                    ? text("fact.TenantAdmitted.team", f.get("teamName"), f.get("sector"))
                    : text("fact.TenantAdmitted", f.get("companyName"), f.get("creditCode"), f.get("sector"));
            case "CompanyRegistered" -> text("fact.CompanyRegistered", f.get("companyName"), f.get("creditCode"));
            case "IpGranted" -> text("fact.IpGranted", label("ipKind.", f.get("kind")), f.get("number"),
                                     f.get("title"));
            case "InvestmentReceived" -> text("fact.InvestmentReceived", f.get("amount"), f.get("currency"),
                                              f.get("round"), f.get("investor"));
            case "HeadcountReported" -> text("fact.HeadcountReported", f.get("employees"));
            case "MilestoneLogged" -> text("fact.MilestoneLogged", f.get("description"));
            case "TenantGraduated" -> text("fact.TenantGraduated", f.get("criterion"));
            case "TenantWithdrawn" -> text("fact.TenantWithdrawn", f.get("reason"));
            case "InvestmentCorrected" -> text("fact.InvestmentCorrected", f.get("investmentId"), f.get("amount"),
                                               f.get("currency"), f.get("reason"));
            case "InvestmentRetracted" -> text("fact.InvestmentRetracted", f.get("investmentId"), f.get("reason"));
            default -> type;
        };
    }

    private String text(String key, Object... arguments) {
        Object[] shown = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            // As typed: MessageFormat would group a number (12,000) and write null as "null".
            shown[i] = arguments[i] == null ? "" : arguments[i].toString();
        }
        return messages.getMessage(key, shown, key, locale);
    }

    private String label(String prefix, Object name) {
        return name == null ? "" : messages.getMessage(prefix + name, null, name.toString(), locale);
    }
}
