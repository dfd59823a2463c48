package io.daylily.ec.api.testing;

import io.daylily.ec.api.ProcessResult;
import io.daylily.ec.api.ProcessRunner;
import io.daylily.ec.api.ProcessSpec;
import io.daylily.ec.api.ToolchainException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Answers process runs by program name (argv[0], its file name). An unscripted program behaves like
 * a missing one ({@link ToolchainException}). Records every spec.
 */
public final class FakeProcessRunner implements ProcessRunner {
    private final Map<String, Function<ProcessSpec, ProcessResult>> programs = new HashMap<>();
    private final List<ProcessSpec> runs = new ArrayList<>();

    public FakeProcessRunner on(String program, Function<ProcessSpec, ProcessResult> behaviour) {
        programs.put(program, behaviour);
        return this;
    }

    public FakeProcessRunner on(String program, int exitCode, String stdout) {
        return on(program, spec -> result(exitCode, stdout, ""));
    }

    public static ProcessResult result(int exitCode, String stdout, String stderr) {
        return new ProcessResult(exitCode, stdout, stderr, Duration.ofMillis(1), false);
    }

    @Override
    public synchronized ProcessResult run(ProcessSpec spec) {
        runs.add(spec);
        String name = java.nio.file.Path.of(spec.program()).getFileName().toString();
        Function<ProcessSpec, ProcessResult> b = programs.get(name);
        if (b == null) {
            throw new ToolchainException("'" + spec.program() + "' not found on PATH");
        }
        return b.apply(spec);
    }

    public synchronized List<ProcessSpec> runs() {
        return List.copyOf(runs);
    }
}
