package io.daylily.ec.app.adapters;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.daylily.ec.api.AwsTarget;
import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.app.runtime.Errors;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** The SDK adapter against a local HTTP server speaking STS's query/XML protocol. */
class SdkAwsClientsTest {
    private static final String IDENTITY = """
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <GetCallerIdentityResult>
                <Arn>arn:aws:iam::123456789012:user/alice</Arn>
                <UserId>AIDAEXAMPLE</UserId>
                <Account>123456789012</Account>
              </GetCallerIdentityResult>
              <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
            </GetCallerIdentityResponse>
            """;

    private WireMockServer server;
    private SdkAwsClients clients;

    @BeforeEach
    void start() {
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "secret-test");
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        clients = new SdkAwsClients(URI.create(server.baseUrl()), Map.of());
    }

    @AfterEach
    void stop() {
        clients.close();
        server.stop();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void callsGoToTheEndpointOverrideAndRetryAfterA500() {
        server.stubFor(post(urlEqualTo("/")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(containing("Action=GetCallerIdentity"))
                .willReturn(aResponse().withStatus(500).withBody("<ErrorResponse><Error><Code>InternalFailure</Code></Error></ErrorResponse>"))
                .willSetStateTo("ok"));
        server.stubFor(post(urlEqualTo("/")).inScenario("flaky").whenScenarioStateIs("ok")
                .withRequestBody(containing("Action=GetCallerIdentity"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(IDENTITY)));

        StsClient sts = clients.get(StsClient.class, new AwsTarget(null, "us-west-2"));
        GetCallerIdentityResponse r = sts.getCallerIdentity(GetCallerIdentityRequest.builder().build());

        assertEquals("123456789012", r.account());
        server.verify(2, postRequestedFor(urlEqualTo("/")));
        assertSame(sts, clients.get(StsClient.class, new AwsTarget(null, "us-west-2")), "one client per target");
    }

    @Test
    void s3AgainstAnEmulatorSendsPlainUploadsPathStyle() {
        server.stubFor(put(urlPathEqualTo("/lab-bucket/data/budget_tags/t.tsv"))
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"e\"")));
        S3Client s3 = clients.get(S3Client.class, new AwsTarget(null, "us-west-2"));
        s3.putObject(PutObjectRequest.builder().bucket("lab-bucket").key("data/budget_tags/t.tsv").build(),
                RequestBody.fromString("p\tubuntu,alice\n", StandardCharsets.UTF_8));
        LoggedRequest r = server.findAll(putRequestedFor(urlPathEqualTo("/lab-bucket/data/budget_tags/t.tsv"))).get(0);
        assertEquals("p\tubuntu,alice\n", r.getBodyAsString(), "the payload as is: no aws-chunked framing");
        assertFalse(r.containsHeader("x-amz-trailer"), "no checksum trailer an S3-compatible store may reject");
        assertFalse(r.getHeaders().keys().stream().anyMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("x-amz-checksum-")),
                r.getHeaders().toString());
    }

    @Test
    void theSdksOwnChecksumSettingIsLeftToTheSdk() {
        server.stubFor(put(urlPathEqualTo("/lab-bucket/k"))
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"e\"")));
        try (SdkAwsClients chosen = new SdkAwsClients(URI.create(server.baseUrl()),
                Map.of("AWS_REQUEST_CHECKSUM_CALCULATION", "when_supported"))) {
            chosen.get(S3Client.class, new AwsTarget(null, "us-west-2")).putObject(
                    PutObjectRequest.builder().bucket("lab-bucket").key("k").build(), RequestBody.fromString("x"));
        }
        LoggedRequest r = server.findAll(putRequestedFor(urlPathEqualTo("/lab-bucket/k"))).get(0);
        assertTrue(r.getHeaders().keys().stream().anyMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("x-amz-checksum-")
                || h.equalsIgnoreCase("x-amz-trailer")), "the SDK's default integrity protection: " + r.getHeaders());
    }

    @Test
    void readOnlyGuardRefusesMutatingCallsBeforeSending() {
        StsClient sts = clients.get(StsClient.class, new AwsTarget(null, "us-west-2"));
        clients.readOnly(true);
        RuntimeException e = assertThrows(RuntimeException.class, () -> sts.assumeRole(
                AssumeRoleRequest.builder().roleArn("arn:aws:iam::1:role/x").roleSessionName("s").build()));
        DaylilyException d = Errors.find(e);
        assertTrue(d != null && d.getMessage().contains("AssumeRole"), String.valueOf(e));
        assertEquals("mutation_refused", d.reason());
        assertEquals(0, server.getAllServeEvents().size(), "nothing reached the wire");
    }

    @Test
    void readVerbsClassification() {
        assertTrue(SdkAwsClients.isRead("GetCallerIdentity"));
        assertTrue(SdkAwsClients.isRead("DescribeStacks"));
        assertTrue(SdkAwsClients.isRead("ListAttachedUserPolicies"));
        assertFalse(SdkAwsClients.isRead("CreateStack"));
        assertFalse(SdkAwsClients.isRead("PutObject"));
        assertFalse(SdkAwsClients.isRead("AttachUserPolicy"));
    }

    @Test
    void nonClientTypeIsAClearError() {
        DaylilyException e = assertThrows(DaylilyException.class,
                () -> clients.get(String.class, new AwsTarget(null, "us-west-2")));
        assertTrue(e.getMessage().contains("not an AWS SDK client"), e.getMessage());
    }
}
