package io.daylily.ec.steps.config;

import io.daylily.ec.support.config.ConfigKeys;
import io.daylily.ec.api.config.ConfigEntry;
import io.daylily.ec.api.config.ConfigSnapshot;
import io.daylily.ec.api.config.Triplet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a triplet config file (PARITY §2.1): {@code ephemeral_cluster.config} (key → triplet) and
 * {@code ephemeral_cluster.template_defaults} (key → scalar). Strict about what it accepts — UTF-8
 * text, one YAML document, no duplicate keys, no unknown keys, no nested values — and every
 * rejection is a {@link ConfigException} naming the file, the place and the fix.
 */
public final class ConfigLoader {
    /** Largest config file accepted. */
    public static final int MAX_BYTES = 1 << 20;

    /** The result of loading: the snapshot (missing required keys appended) and the file text. */
    public record Loaded(ConfigSnapshot snapshot, String text, List<String> missingRequired) {
    }

    private ConfigLoader() {
    }

    public static Loaded load(Path file) {
        if (!Files.exists(file)) {
            throw new ConfigException("config file " + file + " does not exist; check --config / DAY_EX_CFG,"
                    + " or omit both to use the bundled template");
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file " + file + " is not a regular file");
        }
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigException("config file " + file + " is larger than " + MAX_BYTES
                        + " bytes; it is not a daylily config");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), bytes);
    }

    /** Parses config bytes; {@code source} names the input in messages. */
    public static Loaded parse(String source, byte[] bytes) {
        String text = decode(source, bytes);
        Object doc = yaml(source, text);
        return new Loaded(withRequired(shape(source, doc)), text, missing(source, doc));
    }

    static String decode(String source, byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                throw new ConfigException(source + " contains NUL bytes: it is binary, not a YAML config");
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new ConfigException(source + " is not UTF-8 text; save it as UTF-8");
        }
    }

    /** A safe YAML reader: no arbitrary types, no duplicate keys, bounded aliases and size, timestamps kept as text. */
    static Yaml newYaml() {
        LoaderOptions opts = new LoaderOptions();
        opts.setAllowDuplicateKeys(false);
        opts.setMaxAliasesForCollections(20);
        opts.setCodePointLimit(MAX_BYTES);
        opts.setNestingDepthLimit(40);
        opts.setAllowRecursiveKeys(false);
        DumperOptions dump = new DumperOptions();
        return new Yaml(new SafeConstructor(opts), new Representer(dump), dump, opts, new TextTimestamps());
    }

    static Object yaml(String source, String text) {
        try {
            return newYaml().load(text);
        } catch (MarkedYAMLException e) {
            throw new ConfigException(source + where(e.getProblemMark()) + ": " + problem(e), e);
        } catch (YAMLException e) {
            throw new ConfigException(source + ": not valid YAML: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // SnakeYAML signals a few limits with plain runtime exceptions; the file is still just bad input.
            throw new ConfigException(source + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    private static String problem(MarkedYAMLException e) {
        String p = e.getProblem() == null ? e.getMessage() : e.getProblem();
        String ctx = e.getContext();
        if (p.contains("\\t") || p.contains("'\t'")) {
            p += " (YAML does not allow tabs for indentation: use spaces)";
        }
        if (p.startsWith("found duplicate key")) {
            p += " (each key may appear once)";
        }
        return ctx == null || p.startsWith("found duplicate key") ? p : ctx + ": " + p;
    }

    static String where(Mark m) {
        return m == null ? "" : ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
    }

    private static Map<?, ?> section(String source, Object doc) {
        if (doc == null) {
            throw new ConfigException(source + " is empty; it needs an ephemeral_cluster.config mapping"
                    + " (see config/daylily_ephemeral_cluster_template.yaml)");
        }
        if (!(doc instanceof Map<?, ?> top)) {
            throw new ConfigException(source + ": the document is " + TripletParser.describe(doc)
                    + "; it must be a mapping with ephemeral_cluster.config");
        }
        Object ec = top.get("ephemeral_cluster");
        if (!(ec instanceof Map<?, ?> ecMap)) {
            throw new ConfigException(source + " has no ephemeral_cluster mapping; it needs ephemeral_cluster.config"
                    + " (see config/daylily_ephemeral_cluster_template.yaml)");
        }
        for (Object k : ecMap.keySet()) {
            if (!"config".equals(k) && !"template_defaults".equals(k)) {
                throw new ConfigException(source + ": unknown key ephemeral_cluster." + k
                        + "; only config and template_defaults belong there");
            }
        }
        if (!ecMap.containsKey("config")) {
            throw new ConfigException(source + " has no ephemeral_cluster.config mapping");
        }
        return ecMap;
    }

    private static ConfigSnapshot shape(String source, Object doc) {
        Map<?, ?> ec = section(source, doc);
        Object cfg = ec.get("config");
        if (cfg != null && !(cfg instanceof Map)) {
            throw new ConfigException(source + ": ephemeral_cluster.config is " + TripletParser.describe(cfg)
                    + "; it must be a mapping of key: [ACTION, default, set_value]");
        }
        List<ConfigEntry> entries = new ArrayList<>();
        if (cfg instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = key(source, "config", e.getKey());
                Triplet t;
                try {
                    t = TripletParser.parse(key, e.getValue());
                } catch (ConfigException ce) {
                    throw new ConfigException(source + ": " + ce.getMessage(), ce);
                }
                entries.add(ConfigEntry.of(key, t));
            }
        }
        List<ConfigSnapshot.TemplateDefault> defaults = new ArrayList<>();
        Object td = ec.get("template_defaults");
        if (td != null && !(td instanceof Map)) {
            throw new ConfigException(source + ": ephemeral_cluster.template_defaults is " + TripletParser.describe(td)
                    + "; it must be a mapping of key: value");
        }
        if (td instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = key(source, "template_defaults", e.getKey());
                Object v = e.getValue();
                if (v instanceof Map || v instanceof List || v instanceof byte[]) {
                    throw new ConfigException(source + ": template_defaults." + key + " is "
                            + TripletParser.describe(v) + "; it must be a plain value");
                }
                // The scalar's own text: unquoted false and 0 stay false and 0 (the falsy rule is the triplets', PARITY §2.2).
                String s = TripletParser.text(key, "template default", v);
                if (v == null || s.equals("null") || s.equals("None") || s.equals("__MISSING__")) {
                    continue;
                }
                defaults.add(new ConfigSnapshot.TemplateDefault(key, Triplet.normalise(s)));
            }
        }
        return new ConfigSnapshot(source, entries, defaults);
    }

    private static String key(String source, String section, Object k) {
        if (!(k instanceof String key)) {
            throw new ConfigException(source + ": " + section + " has a key " + k + " that is not text");
        }
        if (!ConfigKeys.isKnown(key)) {
            List<String> close = ConfigKeys.suggestions(key);
            throw new ConfigException(source + ": unknown key " + section + "." + key
                    + (close.isEmpty() ? "" : " (did you mean " + String.join(" or ", close) + "?)")
                    + "; known keys are listed in docs/config.md");
        }
        return key;
    }

    private static List<String> missing(String source, Object doc) {
        Map<?, ?> cfg = section(source, doc).get("config") instanceof Map<?, ?> m ? m : Map.of();
        List<String> out = new ArrayList<>();
        for (String k : ConfigKeys.REQUIRED_NAMES) {
            if (!cfg.containsKey(k)) {
                out.add(k);
            }
        }
        return out;
    }

    /** Keeps YAML timestamps (2026-01-01) as the text the user wrote. */
    static final class TextTimestamps extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.MERGE, MERGE, "<");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }

    /** The snapshot with every missing required key appended as {@code PROMPTUSER, "", ""}. */
    static ConfigSnapshot withRequired(ConfigSnapshot s) {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        s.keys().forEach(k -> seen.put(k, true));
        ConfigSnapshot out = s;
        for (String k : ConfigKeys.REQUIRED_NAMES) {
            if (!seen.containsKey(k)) {
                out = out.with(k, Triplet.ABSENT);
            }
        }
        return out;
    }
}
