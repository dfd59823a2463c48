package io.daylily.ec.app;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The numeric {@code DAYLILY_*} settings, checked once before a command sends anything: a value
 * that does not parse, or is out of range, is exit 1 with one line naming the variable and the fix,
 * instead of a stack trace after AWS was changed (the monitor's poll interval used to be read only
 * after the real create was sent).
 */
final class EnvSettings {
    /** A whole-number setting, its unit and its range (a poll interval may be 0: poll again at once). */
    record Whole(String name, String unit, long min, long max, long example) {
    }

    static final List<Whole> WHOLE = List.of(
            new Whole("DAYLILY_MONITOR_POLL_SECONDS", "seconds", 0, 3600, 30),
            new Whole("DAYLILY_MONITOR_TIMEOUT_MINUTES", "minutes", 1, 1440, 120),
            new Whole("DAYLILY_PCLUSTER_TIMEOUT_SECONDS", "seconds", 1, 86400, 600),
            new Whole("DAYLILY_STACK_POLL_SECONDS", "seconds", 0, 3600, 10),
            new Whole("DAYLILY_DELETE_POLL_SECONDS", "seconds", 0, 3600, 15),
            new Whole("DAYLILY_DELETE_TIMEOUT_MINUTES", "minutes", 1, 1440, 60),
            new Whole("DAYLILY_AWS_ATTEMPT_TIMEOUT_SECONDS", "seconds", 1, 3600, 30),
            new Whole("DAYLILY_AWS_CALL_TIMEOUT_SECONDS", "seconds", 1, 3600, 120),
            new Whole("DAYLILY_IMAGE_POLL_SECONDS", "seconds", 0, 3600, 60),
            new Whole("DAYLILY_IMAGE_TIMEOUT_MINUTES", "minutes", 1, 1440, 120),
            new Whole("DAYLILY_WEBHOOK_DRAIN_SECONDS", "seconds", 0, 600, 10));

    static final String SPOT_BUMP = "DAYLILY_SPOT_BUMP";
    static final BigDecimal MAX_BUMP = new BigDecimal("1000");

    private EnvSettings() {
    }

    /** The first problem with the settings in {@code env}, as one line naming the variable and the fix. */
    static Optional<String> problem(Map<String, String> env) {
        for (Whole w : WHOLE) {
            String raw = env.get(w.name());
            if (raw == null) {
                continue;
            }
            // exactly as the steps read it: no spaces
            Long n = raw.matches("[0-9]{1,12}") ? Long.valueOf(raw) : null;
            if (n == null || n < w.min() || n > w.max()) {
                return Optional.of(w.name() + "='" + Regions.printable(raw) + "' is not a whole number of " + w.unit()
                        + " from " + w.min() + " to " + w.max() + "; unset it (default " + w.example() + ") or set e.g. "
                        + w.name() + "=" + w.example());
            }
        }
        String bump = env.get(SPOT_BUMP);
        if (bump != null) {
            BigDecimal b = bump.matches("[0-9]{1,4}(\\.[0-9]{1,4})?") ? new BigDecimal(bump) : null;
            if (b == null || b.compareTo(MAX_BUMP) > 0) {
                return Optional.of(SPOT_BUMP + "='" + Regions.printable(bump) + "' is not an amount in USD from 0 to "
                        + MAX_BUMP + " with at most 4 decimals; unset it (default 4.14) or set e.g. " + SPOT_BUMP + "=4.14");
            }
        }
        return Optional.empty();
    }
}
