package io.daylily.ec.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A step's explicit outcome when the run must end after it without a failure being thrown: the exit
 * code, the machine reason and the message. A step returns {@code Stop.after(ctx, …)} (the context it
 * hands on, marked); the runtime ends the run there with that outcome once the step's checks have
 * been gated. Examples: {@code DAY_BREAK=1} after the dry run (exit 0, {@code day_break}), drift found
 * (exit 3, {@code drift}), drift that could not be read (exit 2).
 *
 * @param exitCode the run's exit code
 * @param reason   the machine-readable reason ({@code --json} {@code reason})
 * @param message  one line for the user
 */
public record Stop(ExitCode exitCode, String reason, String message) {
    /** The context key the runtime looks for after each step. */
    public static final ContextKey<Stop> KEY = ContextKey.of("stop", Stop.class);

    public Stop {
        Objects.requireNonNull(exitCode, "exitCode");
        reason = reason == null ? "" : reason;
        message = message == null ? "" : message;
    }

    /** {@code ctx}, marked to end the run after this step with this outcome. */
    public static RunContext after(RunContext ctx, ExitCode exitCode, String reason, String message) {
        return ctx.with(KEY, new Stop(exitCode, reason, message));
    }

    /** The stop a step asked for, if any. */
    public static Optional<Stop> in(RunContext ctx) {
        return ctx.get(KEY);
    }
}
