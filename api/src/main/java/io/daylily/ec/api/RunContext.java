package io.daylily.ec.api;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The immutable, typed state passed from step to step. {@link #with} returns a new context and
 * leaves this one untouched, so a step cannot change what an earlier step saw. One run has one
 * {@code runId} (the local timestamp {@code YYYYMMDDHHMMSS}); the runtime rejects a returned
 * context with another run id.
 *
 * <p>Serialised to JSON (sorted keys) by the runtime's JSON form (app: {@code RunContextJson}), so a single step can be run in
 * isolation from a saved context ({@code daylily-ec step run ID --context FILE}).
 */
public final class RunContext {
    private final String runId;
    private final Map<String, Entry> values;

    private record Entry(ContextKey<?> key, Object value) {
    }

    private RunContext(String runId, Map<String, Entry> values) {
        this.runId = requireNonNull(runId, "runId is null");
        this.values = values;
    }

    /** An empty context for the given run id. */
    public static RunContext empty(String runId) {
        return new RunContext(runId, Map.of());
    }

    /** The run id: 14 digits, local time of the run's start. Never null. */
    public String runId() {
        return runId;
    }

    /** The value under {@code key}, or empty. A value stored under the same name but another type is a programming error. */
    public <T> Optional<T> get(ContextKey<T> key) {
        Entry e = values.get(key.name());
        if (e == null) {
            return Optional.empty();
        }
        if (!key.type().isInstance(e.value())) {
            throw new IllegalStateException("context value '" + key.name() + "' is a "
                    + e.value().getClass().getName() + ", not a " + key.type().getName());
        }
        return Optional.of(key.type().cast(e.value()));
    }

    /** The value under {@code key} or {@code fallback}. */
    public <T> T getOrDefault(ContextKey<T> key, T fallback) {
        return get(key).orElse(fallback);
    }

    /**
     * The value under {@code key}; a missing value is a {@link DaylilyException} (exit 1) that names the key,
     * which happens when a step runs in isolation without the context an earlier step would have produced.
     */
    public <T> T require(ContextKey<T> key) {
        return get(key).orElseThrow(() -> new DaylilyException(ExitCode.VALIDATION,
                "context value '" + key.name() + "' is missing; run the step that produces it first,"
                        + " or pass it with --set " + key.name() + "=VALUE"));
    }

    public boolean contains(ContextKey<?> key) {
        return values.containsKey(key.name());
    }

    /** A new context with {@code value} under {@code key} (replacing any earlier value). */
    public <T> RunContext with(ContextKey<T> key, T value) {
        requireNonNull(key, "key is null");
        requireNonNull(value, () -> "value for " + key.name() + " is null");
        Map<String, Entry> next = new HashMap<>(values);
        next.put(key.name(), new Entry(key, key.type().cast(value)));
        return new RunContext(runId, Collections.unmodifiableMap(next));
    }

    /** A new context without {@code key}. */
    public RunContext without(ContextKey<?> key) {
        if (!values.containsKey(key.name())) {
            return this;
        }
        Map<String, Entry> next = new HashMap<>(values);
        next.remove(key.name());
        return new RunContext(runId, Collections.unmodifiableMap(next));
    }

    /** Every key in this context, sorted by name. */
    public Map<String, ContextKey<?>> keys() {
        Map<String, ContextKey<?>> out = new TreeMap<>();
        values.forEach((k, e) -> out.put(k, e.key()));
        return Collections.unmodifiableMap(out);
    }

    /** Name → value, sorted by name (the JSON view). */
    public Map<String, Object> asMap() {
        Map<String, Object> out = new TreeMap<>();
        values.forEach((k, e) -> out.put(k, e.value()));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunContext other && runId.equals(other.runId) && asMap().equals(other.asMap());
    }

    @Override
    public int hashCode() {
        return runId.hashCode() * 31 + asMap().hashCode();
    }

    @Override
    public String toString() {
        return "RunContext[" + runId + ", " + values.keySet().stream().sorted().toList() + "]";
    }
}
