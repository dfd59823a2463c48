package io.daylily.ec.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Each kind of AWS failure is named as itself (issue #16): denied, credentials, throttled, unreachable… */
class AwsErrorsTest {
    private static AwsServiceException service(String code, int status) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("m").build()).build();
    }

    @Test
    void serviceErrorsByTheirCode() {
        for (String c : new String[] {"AccessDenied", "AccessDeniedException", "UnauthorizedOperation"}) {
            assertEquals(AwsErrors.Kind.ACCESS_DENIED, AwsErrors.kind(service(c, 400)), c);
        }
        for (String c : new String[] {"ExpiredToken", "InvalidClientTokenId", "SignatureDoesNotMatch", "AuthFailure"}) {
            assertEquals(AwsErrors.Kind.CREDENTIALS, AwsErrors.kind(service(c, 403)), c + ": a 403 that is about the credentials");
        }
        for (String c : new String[] {"Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException"}) {
            assertEquals(AwsErrors.Kind.THROTTLED, AwsErrors.kind(service(c, 400)), c);
        }
        assertEquals(AwsErrors.Kind.THROTTLED, AwsErrors.kind(service("Whatever", 429)), "the SDK's own throttling rule");
        assertEquals(AwsErrors.Kind.NOT_FOUND, AwsErrors.kind(service("NoSuchEntity", 404)));
        assertEquals(AwsErrors.Kind.NOT_FOUND, AwsErrors.kind(service("ResourceNotFoundException", 400)));
        assertEquals(AwsErrors.Kind.ACCESS_DENIED, AwsErrors.kind(service("SomethingElse", 403)), "a bare 403");
        assertEquals(AwsErrors.Kind.NOT_FOUND, AwsErrors.kind(service("", 404)), "a bare 404");
        assertEquals(AwsErrors.Kind.OTHER, AwsErrors.kind(service("", 405)), "the status after it");
        assertEquals(AwsErrors.Kind.UNAVAILABLE, AwsErrors.kind(service("InternalError", 500)));
        assertEquals(AwsErrors.Kind.UNAVAILABLE, AwsErrors.kind(service("", 503)));
        assertEquals(AwsErrors.Kind.OTHER, AwsErrors.kind(service("ValidationError", 400)));
        assertEquals(AwsErrors.Kind.OTHER, AwsErrors.kind(service("", 499)), "the last status below a server error");
    }

    @Test
    void clientErrorsByTheirCause() {
        assertEquals(AwsErrors.Kind.UNREACHABLE, AwsErrors.kind(SdkClientException.builder().message("x")
                .cause(new UnknownHostException("sts.us-west-2.amazonaws.com")).build()));
        assertEquals(AwsErrors.Kind.UNREACHABLE, AwsErrors.kind(SdkClientException.builder().message("x")
                .cause(new RuntimeException(new ConnectException("Connection refused"))).build()), "anywhere in the chain");
        assertEquals(AwsErrors.Kind.UNREACHABLE, AwsErrors.kind(SdkClientException.builder().message("x")
                .cause(new java.net.SocketException("Connection reset")).build()));
        assertEquals(AwsErrors.Kind.TIMED_OUT, AwsErrors.kind(ApiCallTimeoutException.builder().message("took too long").build()));
        assertEquals(AwsErrors.Kind.CREDENTIALS, AwsErrors.kind(SdkClientException.create(
                "Unable to load credentials from any of the providers in the chain")));
        assertEquals(AwsErrors.Kind.OTHER, AwsErrors.kind(SdkClientException.create("something else")));
    }

    @Test
    void eachKindHasItsOwnWordsAndFix() {
        assertEquals("ec2:DescribeSubnets in us-west-2b was denied (AccessDenied: m); grant ec2:DescribeSubnets",
                AwsErrors.describe(service("AccessDenied", 400), "ec2:DescribeSubnets in us-west-2b", "ec2:DescribeSubnets"));
        SdkException[] all = {service("ExpiredToken", 403), service("Throttling", 400), service("InternalError", 500),
            SdkClientException.builder().message("x").cause(new UnknownHostException("h")).build(),
            ApiCallTimeoutException.builder().message("t").build(), service("ValidationError", 400)};
        String[] words = {"credentials are missing, expired or invalid", "throttled", "server error", "cannot be reached",
            "timed out", "op failed (ValidationError: m)"};
        for (int i = 0; i < all.length; i++) {
            String m = AwsErrors.describe(all[i], "op", "perm");
            assertTrue(m.contains(words[i]), m);
            assertTrue(!m.contains("grant perm"), "only a denial asks for the permission: " + m);
        }
        assertEquals("access_denied", AwsErrors.Kind.ACCESS_DENIED.detail());
    }
}
