package io.daylily.ec.api;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An external program to run: an argv list (never a shell string), extra environment entries
 * (added to the parent's), a working directory, a timeout, and optional stdin text.
 *
 * @param argv    program and arguments; the first element is looked up on PATH when it has no slash
 * @param env     variables to add or override in the child; never null
 * @param workDir working directory, or null for the current one
 * @param timeout the child is destroyed after this long; never null
 * @param stdin   text written to the child's stdin, or null for none
 * @param changesAws whether the program changes AWS resources ({@code pcluster create-cluster}, {@code delete-cluster}):
 *                the runtime refuses such a program outside a resource step's apply, as it refuses an SDK write
 */
public record ProcessSpec(List<String> argv, Map<String, String> env, Path workDir, Duration timeout, String stdin,
                          boolean changesAws) {
    /** Default timeout for short tool calls. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public ProcessSpec {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv is empty");
        }
        env = java.util.Collections.unmodifiableMap(new TreeMap<>(env == null ? Map.of() : env));
        requireNonNull(timeout, "timeout is null");
    }

    /** A program that does not change AWS. */
    public ProcessSpec(List<String> argv, Map<String, String> env, Path workDir, Duration timeout, String stdin) {
        this(argv, env, workDir, timeout, stdin, false);
    }

    /** This spec, marked as changing AWS resources. */
    public ProcessSpec changingAws() {
        return new ProcessSpec(argv, env, workDir, timeout, stdin, true);
    }

    public static ProcessSpec of(String... argv) {
        return new ProcessSpec(List.of(argv), Map.of(), null, DEFAULT_TIMEOUT, null);
    }

    public static ProcessSpec of(List<String> argv) {
        return new ProcessSpec(argv, Map.of(), null, DEFAULT_TIMEOUT, null);
    }

    public ProcessSpec withEnv(Map<String, String> extra) {
        Map<String, String> merged = new TreeMap<>(env);
        merged.putAll(extra);
        return new ProcessSpec(argv, merged, workDir, timeout, stdin, changesAws);
    }

    public ProcessSpec withTimeout(Duration t) {
        return new ProcessSpec(argv, env, workDir, t, stdin, changesAws);
    }

    public ProcessSpec withWorkDir(Path dir) {
        return new ProcessSpec(argv, env, dir, timeout, stdin, changesAws);
    }

    public ProcessSpec withStdin(String text) {
        return new ProcessSpec(argv, env, workDir, timeout, text, changesAws);
    }

    /** The program name (argv[0]). */
    public String program() {
        return argv.get(0);
    }
}
