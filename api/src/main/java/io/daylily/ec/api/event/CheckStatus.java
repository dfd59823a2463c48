package io.daylily.ec.api.event;

/** The outcome of one check. */
public enum CheckStatus {
    /** The condition holds. */
    PASS,
    /** Something is off; the run stops unless {@code --pass-on-warn} or the user answers "continue". */
    WARN,
    /** The run cannot go on; the runtime stops before the next step and exits 1. */
    FAIL
}
