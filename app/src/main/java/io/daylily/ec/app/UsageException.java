package io.daylily.ec.app;

/** Parsing stopped: help was shown (code 0) or a usage error was reported (code 1). Carries no stack. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;
    final int code;

    UsageException(int code) {
        super(null, null, false, false);
        this.code = code;
    }
}
