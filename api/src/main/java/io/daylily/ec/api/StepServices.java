package io.daylily.ec.api;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a step may use but must not construct itself. The runtime builds one per run; tests build
 * theirs from the {@code api} test-jar ({@code TestServices}).
 */
public interface StepServices {
    /** Where checks, warnings and other events go. */
    EventPublisher events();

    /** Questions for the user; non-interactive runs throw {@link PromptRequiredException}. */
    Prompter prompter();

    /** AWS SDK clients for the run's profile and region. */
    AwsClients aws();

    /** External programs. */
    ProcessRunner processes();

    Clock clock();

    /** The config directory: artifacts, reports and state are written here. Exists. */
    Path configDir();

    /** The process environment as the run sees it (tests pass their own). Never null. */
    Map<String, String> env();

    /**
     * Read-only lookups shared by the run's steps (started early by one, taken by another). The
     * runtime hands out one per run; this default shares nothing, so each {@code get} makes its call.
     */
    default Lookups lookups() {
        return Lookups.none();
    }

    /** The working directory relative paths in the config resolve against. */
    default Path workDir() {
        return Path.of("").toAbsolutePath();
    }
}
