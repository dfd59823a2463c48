package io.daylily.ec.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsOperationExceptionTest {
    @Test
    void aServiceErrorIsItsCodeAndItsOwnText() {
        AwsServiceException denied = AwsServiceException.builder().message("raw (Service: Iam, Status Code: 403, Request ID: r-1)")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("not authorized").build()).build();
        assertEquals("AccessDenied: not authorized", AwsOperationException.describe(denied));
    }

    @Test
    void missingPartsFallBackWithoutNulls() {
        AwsServiceException noCode = AwsServiceException.builder().message("raw")
                .awsErrorDetails(AwsErrorDetails.builder().errorMessage("slow down").build()).build();
        assertEquals("slow down", AwsOperationException.describe(noCode));
        AwsServiceException noText = AwsServiceException.builder().message("raw")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling").build()).build();
        assertEquals("Throttling", AwsOperationException.describe(noText), "no request id or status decoration");
        assertEquals("raw", AwsOperationException.describe(AwsServiceException.builder().message("raw").build()));
    }

    @Test
    void aClientSideFailureIsTheSdksMessage() {
        assertEquals("Unable to execute HTTP request: timed out",
                AwsOperationException.describe(SdkClientException.create("Unable to execute HTTP request: timed out")));
    }
}
