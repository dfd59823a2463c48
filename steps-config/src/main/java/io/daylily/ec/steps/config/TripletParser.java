package io.daylily.ec.steps.config;

import io.daylily.ec.api.config.Triplet;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one YAML value into a {@link Triplet} (PARITY §2.2–2.3): an action word, a list
 * {@code [action, default, set]}, a map {@code {action, default_value, set_value}}, or null.
 * Falsy elements ({@code false}, {@code 0}, {@code 0.0}, {@code ""}, null) become {@code ""};
 * other scalars are stringified the way upstream did ({@code true} → {@code true}, {@code 200} →
 * {@code 200}, {@code 4800.0} → {@code 4800.0}). Anything else is a {@link ConfigException}.
 */
public final class TripletParser {
    /** Longest value accepted; anything longer is almost certainly a mistake. */
    public static final int MAX_VALUE_LENGTH = 4096;
    private static final Set<String> MAP_FIELDS = Set.of("action", "default_value", "set_value");

    private TripletParser() {
    }

    /**
     * @param key   the config key (for messages)
     * @param value what SnakeYAML produced for it
     */
    public static Triplet parse(String key, Object value) {
        if (value == null) {
            return Triplet.ABSENT;
        }
        if (value instanceof String s) {
            return triplet(key, s, "", "");
        }
        if (value instanceof List<?> list) {
            if (list.size() > 3) {
                throw new ConfigException("'" + key + "' has " + list.size()
                        + " elements; a triplet is [ACTION, default, set_value] (at most 3)");
            }
            String action = list.size() > 0 ? scalar(key, "action", list.get(0)) : "";
            String def = list.size() > 1 ? scalar(key, "default", list.get(1)) : "";
            String set = list.size() > 2 ? scalar(key, "set value", list.get(2)) : "";
            return triplet(key, action, def, set);
        }
        if (value instanceof Map<?, ?> map) {
            for (Object field : map.keySet()) {
                if (!MAP_FIELDS.contains(String.valueOf(field))) {
                    throw new ConfigException("'" + key + "' has an unknown field '" + field
                            + "'; a triplet map has action, default_value, set_value");
                }
            }
            return triplet(key, scalar(key, "action", map.get("action")),
                    scalar(key, "default_value", map.get("default_value")),
                    scalar(key, "set_value", map.get("set_value")));
        }
        throw new ConfigException("'" + key + "' is " + describe(value)
                + "; write it as a triplet, e.g. " + key + ": [USESETVALUE, \"\", \"" + value + "\"]");
    }

    private static Triplet triplet(String key, String action, String def, String set) {
        String a = Triplet.normalise(action);
        if (a.isEmpty()) {
            a = Triplet.PROMPTUSER;
        }
        check(key, "action", a);
        String d = Triplet.normalise(def);
        String s = Triplet.normalise(set);
        check(key, "default", d);
        check(key, "set value", s);
        return new Triplet(a, d, s);
    }

    private static void check(String key, String what, String v) {
        if (v.length() > MAX_VALUE_LENGTH) {
            throw new ConfigException("'" + key + "' " + what + " is " + v.length() + " characters long (at most "
                    + MAX_VALUE_LENGTH + ")");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isISOControl(c)) {
                throw new ConfigException("'" + key + "' " + what + " contains a control character (U+"
                        + String.format("%04X", (int) c) + "); values must be single-line text");
            }
        }
    }

    /** Python-style stringification of one triplet element; falsy values become "" (PARITY §2.2). */
    static String scalar(String key, String what, Object v) {
        if (v == null || Boolean.FALSE.equals(v)) {
            return "";
        }
        String s = text(key, what, v);
        boolean zero = (v instanceof Integer || v instanceof Long || v instanceof BigInteger) && s.equals("0")
                || v instanceof Double d && d == 0.0;
        return zero ? "" : v instanceof Boolean ? "True" : s;
    }

    /**
     * A scalar's own text with no falsy rule (a {@code template_defaults} value, issue #18): booleans as
     * {@code true}/{@code false}, integers in decimal ({@code 0} stays {@code 0}), floats the Python way
     * ({@code 4800.0}, {@code 0.0}, {@code inf}), text as written; null is "".
     */
    static String text(String key, String what, Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
            return v.toString();
        }
        if (v instanceof Double d) {
            if (d.isNaN()) {
                return "nan";
            }
            if (d.isInfinite()) {
                return d > 0 ? "inf" : "-inf";
            }
            return pythonFloat(d);
        }
        throw new ConfigException("'" + key + "' " + what + " is " + describe(v) + "; it must be a plain value");
    }

    private static String pythonFloat(double d) {
        String s = Double.toString(d);
        if (s.contains("E")) {
            // Python writes 1e+20 where Java writes 1.0E20; keep the digits, match the exponent form.
            BigDecimal bd = new BigDecimal(s);
            return bd.stripTrailingZeros().toString().replace("E+", "e+").replace("E-", "e-");
        }
        return s;
    }

    static String describe(Object v) {
        if (v instanceof Map) {
            return "a mapping";
        }
        if (v instanceof List) {
            return "a list";
        }
        if (v instanceof Boolean) {
            return "a boolean (" + v + ")";
        }
        if (v instanceof Number) {
            return "a number (" + v + ")";
        }
        if (v instanceof byte[]) {
            return "binary data";
        }
        return "a " + v.getClass().getSimpleName();
    }
}
