package io.daylily.ec.steps.preflight;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Small helpers for SDK errors. */
final class Aws {
    private Aws() {
    }

    /** The service's error code and message (no stack, no request internals beyond the id). */
    static String message(SdkException e) {
        if (e instanceof AwsServiceException a && a.awsErrorDetails() != null) {
            String code = a.awsErrorDetails().errorCode();
            String msg = a.awsErrorDetails().errorMessage();
            return (code == null ? "" : code + ": ") + (msg == null ? a.getMessage() : msg);
        }
        return e.getMessage();
    }

    static boolean isAccessDenied(SdkException e) {
        return e instanceof AwsServiceException a && a.awsErrorDetails() != null
                && a.awsErrorDetails().errorCode() != null
                && (a.awsErrorDetails().errorCode().contains("AccessDenied") || a.awsErrorDetails().errorCode().contains("Unauthorized"));
    }
}
