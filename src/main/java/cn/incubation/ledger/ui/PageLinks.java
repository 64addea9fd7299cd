package cn.incubation.ledger.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Links to a page with its query kept and some parameters replaced, so that a link changes one thing (the language,
 * the periods, the dates compared) and the rest of what the reader chose stays. Values are encoded whole: a
 * {@code +} of an offset stays a plus, never a space.
 */
public final class PageLinks {

    private final String path;
    private final Map<String, String> parameters;

    /** Links to {@code path} with these parameters (null values left out; empty ones, such as {@code ?error}, kept). */
    public PageLinks(String path, Map<String, String> parameters) {
        this.path = path;
        Map<String, String> kept = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (value != null) {
                kept.put(name, value);
            }
        });
        this.parameters = kept;
    }

    /** The link with these parameters set (a null or blank value removes one): name, value, name, value … */
    public String with(String... nameValues) {
        Map<String, String> query = new LinkedHashMap<>(parameters);
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            if (nameValues[i + 1] == null || nameValues[i + 1].isBlank()) {
                query.remove(nameValues[i]);
            } else {
                query.put(nameValues[i], nameValues[i + 1]);
            }
        }
        return query.isEmpty() ? path : path + "?" + query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    }

    /** The link with the query as it is. */
    public String self() {
        return with();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
