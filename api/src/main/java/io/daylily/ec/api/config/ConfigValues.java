package io.daylily.ec.api.config;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The final value of each config key as the run settles it (config, prompt, AWS lookup). Every
 * step that settles a key adds it here; the config artifacts and the next-run template are written
 * from it.
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

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The value, or {@code ""} when the key is not settled. */
    public String getOrEmpty(String key) {
        return values.getOrDefault(key, "");
    }

    public ConfigValues with(String key, String value) {
        SortedMap<String, String> next = new TreeMap<>(values);
        next.put(key, value == null ? "" : value);
        return new ConfigValues(next);
    }
}
