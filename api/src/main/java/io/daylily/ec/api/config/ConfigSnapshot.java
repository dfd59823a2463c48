package io.daylily.ec.api.config;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The loaded triplet config: every key's triplet in file order (required keys that were missing
 * appended as {@code PROMPTUSER,"",""}) and the {@code template_defaults} fallbacks. Immutable and
 * JSON-friendly, so it travels in the run context to every step that resolves a value.
 *
 * @param sourcePath       the file the config was read from
 * @param entries          key → triplet in file order
 * @param templateDefaults key → scalar fallback default, in file order (null/None entries dropped)
 */
public record ConfigSnapshot(String sourcePath, List<ConfigEntry> entries, List<TemplateDefault> templateDefaults) {

    /** One {@code template_defaults} entry. */
    public record TemplateDefault(String key, String value) {
    }

    public ConfigSnapshot {
        requireNonNull(sourcePath, "sourcePath is null");
        entries = List.copyOf(entries);
        templateDefaults = List.copyOf(templateDefaults);
    }

    /** The key's triplet; {@link Triplet#ABSENT} when the config does not have it. */
    public Triplet triplet(String key) {
        for (ConfigEntry e : entries) {
            if (e.key().equals(key)) {
                return e.triplet();
            }
        }
        return Triplet.ABSENT;
    }

    public boolean has(String key) {
        return entries.stream().anyMatch(e -> e.key().equals(key));
    }

    /** Keys in file order. */
    public List<String> keys() {
        return entries.stream().map(ConfigEntry::key).toList();
    }

    public Map<String, String> templateDefaultsMap() {
        Map<String, String> m = new LinkedHashMap<>();
        templateDefaults.forEach(d -> m.put(d.key(), d.value()));
        return m;
    }

    /**
     * PARITY §2.5: the first non-empty of the triplet's default, {@code template_defaults[key]},
     * and {@code fallback}.
     */
    public String effectiveDefault(String key, String fallback) {
        String d = triplet(key).defaultValue();
        if (!d.isEmpty()) {
            return d;
        }
        String td = templateDefaultsMap().getOrDefault(key, "");
        if (!td.isEmpty()) {
            return td;
        }
        return fallback == null ? "" : fallback;
    }

    /** The set value when auto-select applies to it (PARITY §2.4), else empty. */
    public Optional<String> autoValue(String key, boolean autoSelectDisabled) {
        Triplet t = triplet(key);
        return AutoSelect.applies(t, autoSelectDisabled) ? Optional.of(t.setValue()) : Optional.empty();
    }

    /** "Resolve value": the auto-applied set value, else {@code ""}. */
    public String resolveValue(String key, boolean autoSelectDisabled) {
        return autoValue(key, autoSelectDisabled).orElse("");
    }

    /** A copy with {@code key} appended (or replaced in place). */
    /** {@link #triplet(String)} of a typed key. */
    public Triplet triplet(ConfigKey key) {
        return triplet(key.name());
    }

    /** {@link #effectiveDefault(String, String)} of a typed key. */
    public String effectiveDefault(ConfigKey key, String fallback) {
        return effectiveDefault(key.name(), fallback);
    }

    /** {@link #autoValue(String, boolean)} of a typed key. */
    public Optional<String> autoValue(ConfigKey key, boolean autoSelectDisabled) {
        return autoValue(key.name(), autoSelectDisabled);
    }

    public ConfigSnapshot with(String key, Triplet t) {
        List<ConfigEntry> next = new ArrayList<>(entries);
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i).key().equals(key)) {
                next.set(i, ConfigEntry.of(key, t));
                return new ConfigSnapshot(sourcePath, next, templateDefaults);
            }
        }
        next.add(ConfigEntry.of(key, t));
        return new ConfigSnapshot(sourcePath, next, templateDefaults);
    }
}
