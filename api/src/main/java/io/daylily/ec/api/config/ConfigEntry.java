package io.daylily.ec.api.config;

import static java.util.Objects.requireNonNull;

/** A config key with its triplet, in file order. */
public record ConfigEntry(String key, String action, String defaultValue, String setValue) {
    public ConfigEntry {
        requireNonNull(key, "key is null");
        requireNonNull(action, "action is null");
        requireNonNull(defaultValue, "defaultValue is null");
        requireNonNull(setValue, "setValue is null");
    }

    public static ConfigEntry of(String key, Triplet t) {
        return new ConfigEntry(key, t.action(), t.defaultValue(), t.setValue());
    }

    public Triplet triplet() {
        return new Triplet(action, defaultValue, setValue);
    }
}
