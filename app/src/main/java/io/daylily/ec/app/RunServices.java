package io.daylily.ec.app;

import io.daylily.ec.api.AwsClients;
import io.daylily.ec.api.Clock;
import io.daylily.ec.api.EventPublisher;
import io.daylily.ec.api.Lookups;
import io.daylily.ec.api.ProcessRunner;
import io.daylily.ec.api.Prompter;
import io.daylily.ec.api.StepServices;
import java.nio.file.Path;
import java.util.Map;

/** The runtime's {@link StepServices}. */
record RunServices(EventPublisher events, Prompter prompter, AwsClients aws, ProcessRunner processes, Clock clock,
                   Path configDir, Map<String, String> env, Path workDir, Lookups lookups) implements StepServices {
}
