package io.daylily.ec.api;

/**
 * An AWS call (or {@code pcluster}) failed; always exit code 2. Keep the service's own text in the
 * message (the support module's {@code AwsErrors.text} gives the one form every message uses).
 */
public class AwsOperationException extends DaylilyException {
    private static final long serialVersionUID = 1L;

    public AwsOperationException(String message, Throwable cause) {
        super(ExitCode.AWS, message, "aws_operation_failed", cause);
    }

    public AwsOperationException(String message) {
        this(message, null);
    }
}
