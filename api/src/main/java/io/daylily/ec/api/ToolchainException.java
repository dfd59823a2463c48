package io.daylily.ec.api;

/** A required external program is missing, cannot start, or is unusable; always exit code 4. */
public class ToolchainException extends DaylilyException {
    private static final long serialVersionUID = 1L;

    public ToolchainException(String message, Throwable cause) {
        super(ExitCode.TOOLCHAIN, message, "toolchain", cause);
    }

    public ToolchainException(String message) {
        this(message, null);
    }
}
