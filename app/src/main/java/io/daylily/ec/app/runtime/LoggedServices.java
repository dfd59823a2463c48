package io.daylily.ec.app.runtime;

import io.daylily.ec.api.AwsClients;
import io.daylily.ec.api.Clock;
import io.daylily.ec.api.EventPublisher;
import io.daylily.ec.api.Lookups;
import io.daylily.ec.api.ProcessRunner;
import io.daylily.ec.api.Prompter;
import io.daylily.ec.api.StepServices;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code delegate} with its events sent to {@code events} instead: the runner hands steps the run's services this
 * way, so every check passes its own log (issue #28) on the way to the listeners; the runtime's tests use it to
 * send a test's events to the run's bus.
 */
record LoggedServices(StepServices delegate, EventPublisher events) implements StepServices {
    @Override
    public Prompter prompter() {
        return delegate.prompter();
    }

    @Override
    public AwsClients aws() {
        return delegate.aws();
    }

    @Override
    public ProcessRunner processes() {
        return delegate.processes();
    }

    @Override
    public Clock clock() {
        return delegate.clock();
    }

    @Override
    public Path configDir() {
        return delegate.configDir();
    }

    @Override
    public Map<String, String> env() {
        return delegate.env();
    }

    @Override
    public Path workDir() {
        return delegate.workDir();
    }

    @Override
    public Lookups lookups() {
        return delegate.lookups();
    }
}
