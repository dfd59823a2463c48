package io.daylily.ec.support;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import io.daylily.ec.api.AwsOperationException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What kind of failure an AWS error is, and the message that names it: a lookup that failed is never
 * reported as "not attached", "not found" or "missing", and access denied, throttling, an unreachable
 * endpoint and bad credentials each get their own words and fix. A gate's FAIL that carries
 * {@link #DETAIL} (the kind) ends the run with exit 2 (an AWS operation failed), not 1.
 */
public final class AwsErrors {
    /** The check-detail key naming the {@link Kind} of the AWS error behind a FAIL. */
    public static final String DETAIL = io.daylily.ec.api.event.CheckResult.AWS_ERROR;

    /** The kinds, each with its own message and fix. */
    public enum Kind {
        ACCESS_DENIED, CREDENTIALS, THROTTLED, UNAVAILABLE, UNREACHABLE, TIMED_OUT, NOT_FOUND, OTHER;

        /** The value of {@link #DETAIL}: {@code access_denied}, {@code throttled}… */
        public String detail() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation",
            "UnauthorizedAccess", "AuthorizationError", "Forbidden", "AllAccessDisabled");
    static final Set<String> BAD_CREDENTIALS = Set.of("ExpiredToken", "ExpiredTokenException", "InvalidClientTokenId",
            "UnrecognizedClientException", "SignatureDoesNotMatch", "InvalidAccessKeyId", "AuthFailure", "InvalidToken",
            "RequestExpired", "TokenRefreshRequired");
    static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "ThrottledException",
            "RequestLimitExceeded", "TooManyRequestsException", "SlowDown", "RequestThrottled", "RequestThrottledException",
            "ProvisionedThroughputExceededException", "BandwidthLimitExceeded", "LimitExceededException");

    private AwsErrors() {
    }

    public static Kind kind(SdkException e) {
        if (e instanceof AwsServiceException a) {
            String code = a.awsErrorDetails() == null || a.awsErrorDetails().errorCode() == null ? ""
                    : a.awsErrorDetails().errorCode();
            if (DENIED.contains(code)) {
                return Kind.ACCESS_DENIED;
            }
            if (BAD_CREDENTIALS.contains(code)) {
                return Kind.CREDENTIALS;
            }
            if (THROTTLING.contains(code) || a.isThrottlingException()) {
                return Kind.THROTTLED;
            }
            if (code.endsWith("NotFound") || code.endsWith("NotFoundException") || code.startsWith("NoSuch")) {
                return Kind.NOT_FOUND;
            }
            if (a.statusCode() == 403) {
                return Kind.ACCESS_DENIED;
            }
            if (a.statusCode() == 404) {
                return Kind.NOT_FOUND; // a REST read answered without an error code (Scheduler's GetSchedule on a missing schedule)
            }
            if (a.statusCode() >= 500) {
                return Kind.UNAVAILABLE;
            }
            return Kind.OTHER;
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("Unable to load credentials") || m.contains("Unable to load an HTTP credentials")
                || m.contains("The SSO session") || m.contains("Token is expired") || m.contains("profile file")) {
            return Kind.CREDENTIALS;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return Kind.UNREACHABLE;
            }
            if (t instanceof SocketTimeoutException || t.getClass().getSimpleName().contains("TimeoutException")) {
                return Kind.TIMED_OUT;
            }
            if (t instanceof java.io.IOException) {
                return Kind.UNREACHABLE; // connection reset, broken pipe: the endpoint could not be talked to
            }
        }
        return Kind.OTHER;
    }

    /**
     * An SDK failure in the one form every message uses: the service's error code and its own text,
     * then the request id when AWS sent one ({@code AccessDenied: User … is not authorized …; request id
     * 4f1c…}), which is what AWS support asks for; no status decoration or stack. The SDK's message
     * where the service sent no details (timeouts, connection errors).
     */
    public static String text(SdkException e) {
        if (e instanceof AwsServiceException a && a.awsErrorDetails() != null) {
            String code = a.awsErrorDetails().errorCode();
            String msg = a.awsErrorDetails().errorMessage();
            boolean hasCode = code != null && !code.isEmpty();
            String out;
            if (msg == null || msg.isEmpty()) {
                out = hasCode ? code : a.getMessage(); // getMessage() adds the status and request id itself
                if (!hasCode) {
                    return out;
                }
            } else {
                out = (hasCode ? code + ": " : "") + msg;
            }
            String id = a.requestId();
            return id == null || id.isEmpty() ? out : out + "; request id " + id;
        }
        return e.getMessage();
    }

    /** An {@link AwsOperationException} (exit 2) whose message is {@code what} and the error's {@link #text}. */
    public static AwsOperationException failure(String what, SdkException e) {
        return new AwsOperationException(what + ": " + text(e), e);
    }

    /**
     * One line naming what failed and why, and the fix: {@code operation} as AWS names it (e.g.
     * {@code ec2:DescribeSubnets in us-west-2b}), {@code permission} the IAM action to grant.
     */
    public static String describe(SdkException e, String operation, String permission) {
        String why = text(e);
        return switch (kind(e)) {
            case ACCESS_DENIED -> operation + " was denied (" + why + "); grant " + permission;
            case CREDENTIALS -> operation + " failed: the AWS credentials are missing, expired or invalid (" + why
                    + "); refresh them (aws sso login --profile <profile>, or aws configure)";
            case THROTTLED -> operation + " was throttled by AWS, still after the retries (" + why + "); run again in a minute";
            case UNAVAILABLE -> operation + " failed: AWS answered with a server error, still after the retries (" + why
                    + "); run again later";
            case UNREACHABLE -> operation + " failed: the AWS endpoint cannot be reached (" + why
                    + "); check the network, a proxy, or --endpoint-url";
            case TIMED_OUT -> operation + " timed out (" + why + "); check the network, or raise"
                    + " DAYLILY_AWS_CALL_TIMEOUT_SECONDS";
            case NOT_FOUND, OTHER -> operation + " failed (" + why + ")";
        };
    }
}
