package io.daylily.ec.api.event;

import static java.util.Objects.requireNonNull;

import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.RunContext;
import java.util.List;

/**
 * Posted exactly once per run, from a {@code finally} block, on every ending: success, FAIL,
 * WARN abort, exception, interrupt. Listeners write their final files here.
 *
 * @param exitCode the code the process will exit with
 * @param message  one line for the user: why the run ended (empty on success)
 * @param reason   a machine-readable reason ({@code check_failed}, {@code warn_not_accepted}, …), empty on success
 * @param context  the last context a step returned
 * @param checks   every check published in the run, in order
 */
public record RunFinished(String pipeline, ExitCode exitCode, String message, String reason, RunContext context,
                          List<CheckResult> checks) implements RunEvent {
    public RunFinished {
        requireNonNull(pipeline, "pipeline is null");
        requireNonNull(exitCode, "exitCode is null");
        message = message == null ? "" : message;
        reason = reason == null ? "" : reason;
        requireNonNull(context, "context is null");
        checks = List.copyOf(checks);
    }
}
