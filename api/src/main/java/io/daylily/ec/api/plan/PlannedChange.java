package io.daylily.ec.api.plan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One resource a create would touch, as {@code daylily-ec plan} shows it (issue #20): what it is
 * ({@code resource}, e.g. {@code "budget"}), the name it would have, and what the create would do with
 * it — decided from read requests only, by the same code the create uses.
 *
 * @param resource what kind of resource, in words ({@code network stack}, {@code IAM policy}, …)
 * @param name     the name it has or would get
 * @param action   what a create would do
 * @param details  what else is known (the alerts an existing budget lacks, a queue's price, …), in order
 */
public record PlannedChange(String resource, String name, Action action, Map<String, Object> details) {
    /** What a create would do with a resource. */
    public enum Action {
        /** it does not exist: the create makes it */
        CREATE,
        /** it exists but lacks a part (an alert, a subscriber, an inline policy) or differs: the create completes or updates it */
        UPDATE,
        /** it exists as the create wants it: used as it is */
        REUSE,
        /** the create would not make it (the heartbeat is off, …); {@code details.reason} says why */
        SKIP;

        /** The JSON and console spelling: {@code create}, {@code update}, {@code reuse}, {@code skip}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Whether a create would send a write for it. */
        public boolean changes() {
            return this == CREATE || this == UPDATE;
        }
    }

    public PlannedChange {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details == null ? Map.of() : details));
    }

    public static PlannedChange of(String resource, String name, Action action) {
        return new PlannedChange(resource, name, action, Map.of());
    }

    /** This change with one more detail. */
    public PlannedChange with(String key, Object value) {
        Map<String, Object> d = new LinkedHashMap<>(details);
        d.put(key, value);
        return new PlannedChange(resource, name, action, d);
    }
}
