package io.daylily.ec.steps.config;

import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;

/** A config file that cannot be used: always exit 1, message naming the file, the place and the fix. */
public final class ConfigException extends DaylilyException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(ExitCode.VALIDATION, message, "config_invalid", null);
    }

    public ConfigException(String message, Throwable cause) {
        super(ExitCode.VALIDATION, message, "config_invalid", cause);
    }
}
