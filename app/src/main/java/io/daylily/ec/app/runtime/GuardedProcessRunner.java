package io.daylily.ec.app.runtime;

import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.ProcessResult;
import io.daylily.ec.api.ProcessRunner;
import io.daylily.ec.api.ProcessSpec;

/**
 * The run's process runner behind the write guard (issue #28): while the runtime has writes closed, a
 * program marked {@link ProcessSpec#changesAws()} ({@code pcluster create-cluster}, {@code delete-cluster}, …)
 * is refused before it starts, as the SDK adapter refuses a write operation; every other program runs.
 */
public final class GuardedProcessRunner implements ProcessRunner, MutationGuard {
    private final ProcessRunner delegate;
    private volatile boolean readOnly;

    public GuardedProcessRunner(ProcessRunner delegate) {
        this.delegate = delegate;
    }

    @Override
    public void readOnly(boolean value) {
        readOnly = value;
    }

    @Override
    public ProcessResult run(ProcessSpec spec) {
        if (readOnly && spec.changesAws()) {
            throw new DaylilyException(ExitCode.VALIDATION, "refused '" + String.join(" ", spec.argv().subList(0,
                    Math.min(2, spec.argv().size()))) + "': it changes AWS, and the runtime allows that only in a"
                    + " resource step's apply of a pipeline that writes", "mutation_refused", null);
        }
        return delegate.run(spec);
    }
}
