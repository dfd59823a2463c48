package io.daylily.ec.api;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** An AWS call (or {@code pcluster}) failed; always exit code 2. Keep the service's own text in the message. */
public class AwsOperationException extends DaylilyException {
    private static final long serialVersionUID = 1L;

    public AwsOperationException(String message, Throwable cause) {
        super(ExitCode.AWS, message, "aws_operation_failed", cause);
    }

    public AwsOperationException(String message) {
        this(message, null);
    }

    /**
     * An SDK failure in the one form every message uses: the service's error code and its own text
     * ({@code AccessDenied: User … is not authorized …}), without request ids or stack; the SDK's
     * message where the service sent no details (timeouts, connection errors).
     */
    public static String describe(SdkException e) {
        if (e instanceof AwsServiceException a && a.awsErrorDetails() != null) {
            String code = a.awsErrorDetails().errorCode();
            String msg = a.awsErrorDetails().errorMessage();
            boolean hasCode = code != null && !code.isEmpty();
            if (msg == null || msg.isEmpty()) {
                return hasCode ? code : a.getMessage(); // getMessage() adds the status and request id
            }
            return (hasCode ? code + ": " : "") + msg;
        }
        return e.getMessage();
    }
}
