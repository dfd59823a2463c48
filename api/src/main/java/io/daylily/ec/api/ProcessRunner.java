package io.daylily.ec.api;

/**
 * Runs external programs ({@code pcluster}, {@code ssh}, {@code git}, the reference verifier). The
 * only way steps start a process. Implementations read stdout and stderr concurrently, enforce the
 * timeout (then destroy the child), and never log secrets from argv or the environment.
 */
public interface ProcessRunner {
    /**
     * Runs the program to completion or timeout. A non-zero exit is a normal result, not an exception.
     *
     * @throws ToolchainException when the program cannot be started (not found, not executable)
     */
    ProcessResult run(ProcessSpec spec);
}
