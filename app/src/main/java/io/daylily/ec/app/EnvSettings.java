package io.daylily.ec.app;

import io.daylily.ec.support.Settings;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * The numeric {@code DAYLILY_*} settings, checked once before a command sends anything: a value
 * that does not parse, or is out of range, is exit 1 with one line naming the variable and the fix,
 * instead of a stack trace after AWS was changed (the monitor's poll interval used to be read only
 * after the real create was sent).
 */
final class EnvSettings {
    static final String SPOT_BUMP = "DAYLILY_SPOT_BUMP";
    static final BigDecimal MAX_BUMP = new BigDecimal("1000");

    private EnvSettings() {
    }

    /** The first problem with the settings in {@code env}, as one line naming the variable and the fix. */
    static Optional<String> problem(Map<String, String> env) {
        Optional<String> whole = Settings.problem(env); // the whole-number settings: support's one table
        if (whole.isPresent()) {
            return whole;
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
