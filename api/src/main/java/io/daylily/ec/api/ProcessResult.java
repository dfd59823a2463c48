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

    /** Longest last line kept by {@link #lastOutputLine()}. */
    public static final int LAST_LINE_MAX = 200;

    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }

    /**
     * The last line the program wrote to stderr (or to stdout when stderr is blank), for a one-line
     * error message: at most {@value #LAST_LINE_MAX} characters, cut with "…"; empty when it wrote nothing.
     */
    public String lastOutputLine() {
        String t = (stderr.isBlank() ? stdout : stderr).strip();
        String line = t.substring(t.lastIndexOf('\n') + 1).strip();
        return line.length() > LAST_LINE_MAX ? line.substring(0, LAST_LINE_MAX) + "…" : line;
    }
}
