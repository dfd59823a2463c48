package io.daylily.ec.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsErrorsTextTest {
    @Test
    void aServiceErrorIsItsCodeAndItsOwnText() {
        AwsServiceException denied = AwsServiceException.builder().message("raw (Service: Iam, Status Code: 403, Request ID: r-1)")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("not authorized").build()).build();
        assertEquals("AccessDenied: not authorized", AwsErrors.text(denied));
    }

    @Test
    void missingPartsFallBackWithoutNulls() {
        AwsServiceException noCode = AwsServiceException.builder().message("raw")
                .awsErrorDetails(AwsErrorDetails.builder().errorMessage("slow down").build()).build();
        assertEquals("slow down", AwsErrors.text(noCode));
        AwsServiceException noText = AwsServiceException.builder().message("raw")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling").build()).build();
        assertEquals("Throttling", AwsErrors.text(noText), "no request id or status decoration");
        assertEquals("raw", AwsErrors.text(AwsServiceException.builder().message("raw").build()));
    }

    @Test
    void theRequestIdIsKeptForAwsSupport() {
        AwsServiceException denied = AwsServiceException.builder().requestId("4f1c-9a")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("not authorized").build()).build();
        assertEquals("AccessDenied: not authorized; request id 4f1c-9a", AwsErrors.text(denied));
        AwsServiceException codeOnly = AwsServiceException.builder().requestId("r-2")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling").build()).build();
        assertEquals("Throttling; request id r-2", AwsErrors.text(codeOnly));
        AwsServiceException empty = AwsServiceException.builder().requestId("")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling").build()).build();
        assertEquals("Throttling", AwsErrors.text(empty), "an empty request id adds nothing");
    }

    @Test
    void aFailureIsExitTwoWithTheText() {
        AwsServiceException denied = AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("no").build()).build();
        io.daylily.ec.api.AwsOperationException f = AwsErrors.failure("sns:ListTopics", denied);
        assertEquals("sns:ListTopics: AccessDenied: no", f.getMessage());
        assertEquals(io.daylily.ec.api.ExitCode.AWS, f.exitCode());
        assertEquals(denied, f.getCause());
    }

    @Test
    void aClientSideFailureIsTheSdksMessage() {
        assertEquals("Unable to execute HTTP request: timed out",
                AwsErrors.text(SdkClientException.create("Unable to execute HTTP request: timed out")));
    }
}
