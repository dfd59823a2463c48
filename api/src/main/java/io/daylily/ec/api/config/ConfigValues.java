package io.daylily.ec.api.config;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The final value of each config key as the run settles it (config, prompt, AWS lookup). Every
 * step that settles a key adds it here; the config artifacts and the next-run template are written
 * from it. Read and settled through typed {@link ConfigKey}s; {@link #values()} is the name → value
 * view for artifacts and snapshots.
 *
 * @param values key → final value, sorted by key
 */
public record ConfigValues(SortedMap<String, String> values) {
    public ConfigValues {
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values == null ? Map.of() : values));
    }

    public static ConfigValues empty() {
        return new ConfigValues(new TreeMap<>());
    }

    /** The settled value of {@code key}, if any. */
    public Optional<String> get(ConfigKey key) {
        return Optional.ofNullable(values.get(key.name()));
    }

    /** The value, or {@code ""} when the key is not settled. */
    public String getOrEmpty(ConfigKey key) {
        return values.getOrDefault(key.name(), "");
    }

    /**
     * The settled value under a name as a config file spells it: the artifact view, for code that
     * walks a file's entries. Steps read through {@link #get(ConfigKey)}.
     */
    public Optional<String> named(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** Whether {@code key} is settled (to any value, {@code ""} included). */
    public boolean has(ConfigKey key) {
        return values.containsKey(key.name());
    }

    /** These values with {@code key} settled to {@code value} (null is {@code ""}). */
    public ConfigValues with(ConfigKey key, String value) {
        SortedMap<String, String> next = new TreeMap<>(values);
        next.put(key.name(), value == null ? "" : value);
        return new ConfigValues(next);
    }
}
