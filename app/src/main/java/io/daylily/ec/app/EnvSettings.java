package io.daylily.ec.app;

import io.daylily.ec.support.Settings;
import java.util.Map;
import java.util.Optional;

/**
 * The numeric {@code DAYLILY_*} settings, checked once before a command sends anything: a value
 * that does not parse, or is out of range, is exit 1 with one line naming the variable and the fix,
 * instead of a stack trace after AWS was changed (the monitor's poll interval used to be read only
 * after the real create was sent). The rules are support's {@link Settings}, which the steps read by.
 */
final class EnvSettings {
    private EnvSettings() {
    }

    /** The first problem with the settings in {@code env}, as one line naming the variable and the fix. */
    static Optional<String> problem(Map<String, String> env) {
        return Settings.problem(env);
    }
}
