package io.daylily.ec.api;

import static java.util.Objects.requireNonNull;

/**
 * The one unchecked exception of daylily-ec. It carries the exit code the process ends with and a
 * message for the user that names the input at fault and the fix. A stack trace is shown only with
 * {@code --debug}.
 *
 * <p>A failed <em>check</em> is not an exception: checks publish a {@link io.daylily.ec.api.event.CheckResult}
 * and the runtime gates on it. Throw this for conditions that make the step itself impossible.
 */
public class DaylilyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;
    private final String reason;

    public DaylilyException(ExitCode exitCode, String message) {
        this(exitCode, message, null, null);
    }

    public DaylilyException(ExitCode exitCode, String message, Throwable cause) {
        this(exitCode, message, null, cause);
    }

    /**
     * @param reason a short machine-readable reason (e.g. {@code prompt_required}), or null
     */
    public DaylilyException(ExitCode exitCode, String message, String reason, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.exitCode = requireNonNull(exitCode, "exitCode is null");
        this.reason = reason;
    }

    /** The exit code the process ends with when this exception reaches the top. Never null. */
    public ExitCode exitCode() {
        return exitCode;
    }

    /** A stable machine-readable reason for {@code --json} output, or null when none applies. */
    public String reason() {
        return reason;
    }
}
