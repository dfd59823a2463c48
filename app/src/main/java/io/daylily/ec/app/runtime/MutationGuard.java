package io.daylily.ec.app.runtime;

/**
 * Lets the runtime forbid mutating AWS calls while a read-only step (config, preflight) runs: the
 * cheap, testable guarantee behind "no AWS mutation after a preflight FAIL".
 */
public interface MutationGuard {
    /** While true, AWS operations outside the read-only verbs are refused. */
    void readOnly(boolean readOnly);

    MutationGuard NONE = readOnly -> { };
}
