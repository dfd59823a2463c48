package io.daylily.ec.api;

import static java.util.Objects.requireNonNull;

/**
 * A typed name for a value in the {@link RunContext}. Keys are compared by name and type; declare
 * each one once as a {@code static final} field of its owner ({@link ContextKeys} for values that
 * cross modules, the plug-in itself for a plug-in's own values).
 *
 * <p>Values must be immutable and JSON-friendly: strings, numbers, booleans, enums, or records of
 * those (wrap collections in a record so the key has a real class).
 *
 * @param name stable snake_case name, used as the JSON property name; never null or blank
 * @param type the value's class; never null
 */
public record ContextKey<T>(String name, Class<T> type) {
    public ContextKey {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("context key name is blank");
        }
    }

    public static <T> ContextKey<T> of(String name, Class<T> type) {
        return new ContextKey<>(name, type);
    }
}
