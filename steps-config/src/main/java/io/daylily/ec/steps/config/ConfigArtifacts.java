package io.daylily.ec.steps.config;

import io.daylily.ec.api.config.ConfigEntry;
import io.daylily.ec.api.config.ConfigSnapshot;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.config.Triplet;
import io.daylily.ec.support.config.ConfigKeys;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The three end-of-run config files (PARITY §22.2, DECISIONS #20), as text. Same input, same bytes.
 *
 * <ul>
 *   <li>{@link #finalSnapshot}: {@code <config base>_final_<ts>.yaml}, every key → its final value.</li>
 *   <li>{@link #cliConfig}: {@code <cluster>_cli_cfg_<ts>.yaml}, the whole source document with typed
 *       triplets {@code [USESETVALUE, value, value]}.</li>
 *   <li>{@link #nextRunTemplate}: {@code <cluster>_template.yaml}, the source document with
 *       {@code [USESETVALUE, default, final value]} — a second run with it asks nothing.</li>
 * </ul>
 */
public final class ConfigArtifacts {
    private ConfigArtifacts() {
    }

    /** The cluster part of artifact names: final value, else the set value, else {@code unnamed}. */
    public static String clusterForNames(ConfigSnapshot cfg, ConfigValues values) {
        String v = values.getOrEmpty(ConfigKeys.CLUSTER_NAME);
        if (v.isEmpty()) {
            v = cfg.triplet(ConfigKeys.CLUSTER_NAME).setValue();
        }
        if (v.isEmpty() || Triplet.isActionWord(v)) {
            return "unnamed";
        }
        return io.daylily.ec.api.AtomicFiles.safeName(v);
    }

    public static String finalSnapshot(ConfigSnapshot cfg, ConfigValues values) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (ConfigEntry e : cfg.entries()) {
            config.put(e.key(), values.named(e.key()).orElse(e.action()));
        }
        return emit(Map.of("ephemeral_cluster", Map.of("config", config)));
    }

    public static String cliConfig(String sourceText, ConfigSnapshot cfg, ConfigValues values) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (ConfigEntry e : cfg.entries()) {
            String action = Triplet.PROMPTUSER.equals(e.action()) ? Triplet.USESETVALUE : e.action();
            String value = values.named(e.key()).orElse(e.setValue());
            if (Triplet.isActionWord(value)) {
                value = e.setValue();
            }
            if (Triplet.isActionWord(value)) {
                value = "";
            }
            String def = !value.isEmpty() ? value : (Triplet.isActionWord(e.defaultValue()) ? "" : e.defaultValue());
            config.put(e.key(), List.of(action, typed(def), typed(value)));
        }
        return emit(document(sourceText, cfg, config));
    }

    public static String nextRunTemplate(String sourceText, ConfigSnapshot cfg, ConfigValues values,
                                         boolean autoSelectDisabled) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (ConfigEntry e : cfg.entries()) {
            String def = Triplet.isActionWord(e.defaultValue()) ? "" : e.defaultValue();
            if (values.named(e.key()).isPresent() && !values.named(e.key()).orElse("").isEmpty()) {
                String action = autoSelectDisabled ? e.action() : Triplet.USESETVALUE;
                config.put(e.key(), List.of(action, def, values.named(e.key()).orElse("")));
            } else {
                String set = Triplet.isActionWord(e.setValue()) ? "" : e.setValue();
                config.put(e.key(), List.of(e.action(), def, set));
            }
        }
        return emit(document(sourceText, cfg, config));
    }

    /** The source document with its config mapping replaced; other content kept (template_defaults included). */
    private static Map<String, Object> document(String sourceText, ConfigSnapshot cfg, Map<String, Object> config) {
        Object doc = sourceText == null ? null : ConfigLoader.newYaml().load(sourceText);
        Map<String, Object> out = new LinkedHashMap<>();
        if (doc instanceof Map<?, ?> top) {
            top.forEach((k, v) -> out.put(String.valueOf(k), v));
        }
        Map<String, Object> ec = new LinkedHashMap<>();
        if (out.get("ephemeral_cluster") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> ec.put(String.valueOf(k), v));
        }
        ec.put("config", config);
        if (!cfg.templateDefaults().isEmpty()) {
            Map<String, Object> td = new LinkedHashMap<>();
            cfg.templateDefaults().forEach(d -> td.put(d.key(), d.value()));
            ec.put("template_defaults", td);
        }
        out.put("ephemeral_cluster", ec);
        return out;
    }

    /** {@code true}/{@code false} in any case → boolean, digits → integer, anything else stays text. */
    static Object typed(String v) {
        String l = v.toLowerCase(Locale.ROOT);
        if (l.equals("true") || l.equals("false")) {
            return Boolean.parseBoolean(l);
        }
        if (!v.isEmpty() && v.length() < 19 && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return new BigInteger(v);
        }
        return v;
    }

    // ------------------------------------------------------------------ emitter

    /** Block mappings, flow lists of scalars, double-quoted strings: stable, readable, valid YAML. */
    static String emit(Map<?, ?> doc) {
        StringBuilder b = new StringBuilder();
        emitMap(b, doc, 0);
        return b.toString();
    }

    private static void emitMap(StringBuilder b, Map<?, ?> m, int indent) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            b.append(" ".repeat(indent)).append(key(String.valueOf(e.getKey()))).append(':');
            Object v = e.getValue();
            if (v instanceof Map<?, ?> child) {
                if (child.isEmpty()) {
                    b.append(" {}\n");
                } else {
                    b.append('\n');
                    emitMap(b, child, indent + 2);
                }
            } else if (v instanceof List<?> list && list.stream().allMatch(ConfigArtifacts::isScalar)) {
                List<String> items = new ArrayList<>();
                list.forEach(x -> items.add(scalar(x)));
                b.append(" [").append(String.join(", ", items)).append("]\n");
            } else if (v instanceof List<?> list) {
                DumperOptions o = new DumperOptions();
                o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
                o.setIndent(2);
                b.append('\n');
                for (String line : new Yaml(o).dump(list).split("\n")) {
                    b.append(" ".repeat(indent + 2)).append(line).append('\n');
                }
            } else {
                b.append(' ').append(scalar(v)).append('\n');
            }
        }
    }

    private static boolean isScalar(Object o) {
        return !(o instanceof Map) && !(o instanceof List);
    }

    private static String key(String k) {
        return k.matches("[A-Za-z_][A-Za-z0-9_.-]*") ? k : scalar(k);
    }

    static String scalar(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Boolean || v instanceof Number) {
            return v.toString();
        }
        String s = String.valueOf(v);
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
