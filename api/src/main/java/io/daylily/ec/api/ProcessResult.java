package io.daylily.ec.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What an external program did.
 *
 * @param exitCode the child's exit status (-1 when it was killed on timeout)
 * @param stdout   everything it wrote to stdout (UTF-8); never null
 * @param stderr   everything it wrote to stderr (UTF-8); never null
 * @param elapsed  wall time
 * @param timedOut true when the runner destroyed it after the timeout
 */
public record ProcessResult(int exitCode, String stdout, String stderr, Duration elapsed, boolean timedOut) {
    public ProcessResult {
        requireNonNull(stdout, "stdout is null");
        requireNonNull(stderr, "stderr is null");
        requireNonNull(elapsed, "elapsed is null");
    }

    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }
}
