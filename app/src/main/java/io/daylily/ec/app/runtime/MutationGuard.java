package io.daylily.ec.app.runtime;

/**
 * Lets the runtime forbid AWS writes except where a step may write (issue #28): a resource step's apply, or
 * the run of a plain step that declares {@code mutatesAws()}, in a pipeline that writes. The mechanical
 * guarantee behind "no AWS mutation after a preflight FAIL" and "a plan changes nothing".
 */
public interface MutationGuard {
    /** While true, AWS operations outside the read-only verbs are refused. */
    void readOnly(boolean readOnly);

    MutationGuard NONE = readOnly -> { };

    /** Both guards at once (the SDK adapter and the process runner). */
    static MutationGuard both(MutationGuard a, MutationGuard b) {
        return readOnly -> {
            a.readOnly(readOnly);
            b.readOnly(readOnly);
        };
    }
}
