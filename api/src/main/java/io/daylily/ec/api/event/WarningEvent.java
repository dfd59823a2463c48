package io.daylily.ec.api.event;

import static java.util.Objects.requireNonNull;

/**
 * A non-fatal problem worth telling the user and recording (e.g. head-node configuration failed).
 * Unlike a WARN check it never stops the run.
 *
 * @param source the step id (or component) that saw the problem; never null
 * @param message one line for the user; never null
 */
public record WarningEvent(String source, String message) implements RunEvent {
    public WarningEvent {
        requireNonNull(source, "source is null");
        requireNonNull(message, "message is null");
    }
}
