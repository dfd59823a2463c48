package io.daylily.ec.steps.infra;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.daylily.ec.api.AwsOperationException;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.testing.FixedClock;
import io.daylily.ec.api.testing.ScriptedPrompter;
import io.daylily.ec.api.testing.TestServices;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The real SDK marshalling for the protocol families infra touches: CloudFormation (query/XML) create
 * and wait, including a rollback; Budgets (JSON with X-Amz-Target) and S3 (REST-XML) for budgets.
 */
class WireProtocolTest {
    @TempDir
    Path dir;

    WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    static String fixture(String name) throws Exception {
        try (InputStream in = WireProtocolTest.class.getClassLoader().getResourceAsStream("cfn/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
            & software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<B, C>, C> C client(B b) {
        b.region(Region.US_WEST_2).endpointOverride(URI.create(server.baseUrl()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")));
        b.httpClientBuilder(UrlConnectionHttpClient.builder());
        return b.build();
    }

    private void cfn(String state, String action, String next, int status, String body) {
        var m = post(anyUrl()).inScenario("stack").whenScenarioStateIs(state)
                .withRequestBody(containing("Action=" + action + "&"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(body));
        if (next != null) {
            m = m.willSetStateTo(next);
        }
        server.stubFor(m);
    }

    @Test
    void cloudFormationCreateAndWaitOverTheWire() throws Exception {
        cfn(Scenario.STARTED, "DescribeStacks", null, 400, fixture("DescribeStacks-missing.xml"));
        cfn(Scenario.STARTED, "CreateStack", "creating", 200, fixture("CreateStack.xml"));
        cfn("creating", "DescribeStackEvents", null, 200, fixture("DescribeStackEvents.xml"));
        cfn("creating", "DescribeStacks", "done", 200, fixture("DescribeStacks-CREATE_IN_PROGRESS.xml"));
        cfn("done", "DescribeStackEvents", null, 200, fixture("DescribeStackEvents.xml"));
        cfn("done", "DescribeStacks", null, 200, fixture("DescribeStacks-CREATE_COMPLETE.xml"));
        CloudFormationClient cf = client(CloudFormationClient.builder());
        ScriptedPrompter ui = ScriptedPrompter.answering();
        NetworkStack.Result r = new NetworkStack(cf, FixedClock.standard(), ui, Duration.ofSeconds(5), Duration.ofMinutes(30),
                "us-west-2").ensure("pcluster-vpc-stack-2b", InfraNetworkStep.template(), NetworkStack.parameters("us-west-2b", true), false);
        assertEquals("created", r.action());
        assertEquals("subnet-0aaa1111bbbb2222c", r.outputs().get("PublicSubnets"));
        assertEquals("subnet-0ddd3333eeee4444f", r.outputs().get("PrivateSubnet"));
        server.verify(postRequestedFor(anyUrl()).withRequestBody(containing("Action=CreateStack&"))
                .withRequestBody(containing("Capabilities.member.1=CAPABILITY_NAMED_IAM"))
                .withRequestBody(containing("StackName=pcluster-vpc-stack-2b")));
        assertEquals(1, ui.said().stream().filter(l -> l.contains("VPC CREATE_COMPLETE")).count(), "each event shown once");
    }

    @Test
    void cloudFormationRollbackOverTheWireIsExitTwoWithTheReason() throws Exception {
        cfn(Scenario.STARTED, "DescribeStacks", null, 400, fixture("DescribeStacks-missing.xml"));
        cfn(Scenario.STARTED, "CreateStack", "creating", 200, fixture("CreateStack.xml"));
        cfn("creating", "DescribeStackEvents", null, 200, fixture("DescribeStackEvents-rollback.xml"));
        cfn("creating", "DescribeStacks", null, 200, fixture("DescribeStacks-ROLLBACK_IN_PROGRESS.xml"));
        CloudFormationClient cf = client(CloudFormationClient.builder());
        AwsOperationException e = assertThrows(AwsOperationException.class, () -> new NetworkStack(cf, FixedClock.standard(),
                ScriptedPrompter.answering(), Duration.ofSeconds(5), Duration.ofMinutes(30), "us-west-2")
                .ensure("pcluster-vpc-stack-2b", InfraNetworkStep.template(), NetworkStack.parameters("us-west-2b", true), false));
        assertTrue(e.getMessage().contains("NatGatewayEIP CREATE_FAILED — The maximum number of addresses has been reached."),
                e.getMessage());
    }

    @Test
    void budgetsJsonAndS3TagsOverTheWire() {
        String target = "X-Amz-Target";
        server.stubFor(post(anyUrl()).withHeader(target, equalTo("AWSBudgetServiceGateway.DescribeBudget"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"NotFoundException\",\"Message\":\"Unable to get budget\"}")));
        server.stubFor(post(anyUrl()).withHeader(target, equalTo("AWSBudgetServiceGateway.CreateBudget"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody("{}")));
        server.stubFor(post(anyUrl()).withHeader(target, equalTo("AWSBudgetServiceGateway.CreateNotification"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody("{}")));
        String key = "/lab-omics-analysis-us-west-2/data/budget_tags/pcluster-project-budget-tags.tsv";
        server.stubFor(get(urlPathEqualTo(key)).willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/xml")
                .withBody("<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>")));
        server.stubFor(put(urlPathEqualTo(key)).willReturn(aResponse().withStatus(200).withHeader("ETag", "\"e\"")));

        BudgetsClient budgets = client(BudgetsClient.builder());
        S3Client s3 = client(S3Client.builder().forcePathStyle(true));
        TestServices s = TestServices.builder(dir).aws(BudgetsClient.class, budgets).aws(S3Client.class, s3).build();
        RunContext out = new BudgetsStep().run(Ctx.base(), s);

        assertEquals("da-us-west-2b-cl1", out.require(ContextKeys.CLUSTER_BUDGET_NAME));
        server.verify(postRequestedFor(anyUrl()).withHeader(target, equalTo("AWSBudgetServiceGateway.CreateBudget"))
                .withRequestBody(matchingJsonPath("$.AccountId", equalTo("123456789012")))
                .withRequestBody(matchingJsonPath("$.Budget.BudgetName", equalTo("daylily-global")))
                .withRequestBody(matchingJsonPath("$.Budget.BudgetLimit", equalToJson("{\"Amount\":\"300\",\"Unit\":\"USD\"}")))
                .withRequestBody(matchingJsonPath("$.Budget.TimeUnit", equalTo("MONTHLY")))
                .withRequestBody(matchingJsonPath("$.Budget.BudgetType", equalTo("COST")))
                .withRequestBody(matchingJsonPath("$.Budget.CostTypes.UseBlended", equalTo("false")))
                .withRequestBody(matchingJsonPath("$.Budget.CostFilters.TagKeyValue[1]",
                        equalTo("user:aws-parallelcluster-clustername$cl1"))));
        server.verify(5, postRequestedFor(anyUrl()).withHeader(target, equalTo("AWSBudgetServiceGateway.CreateNotification")));
        server.verify(postRequestedFor(anyUrl()).withHeader(target, equalTo("AWSBudgetServiceGateway.CreateNotification"))
                .withRequestBody(matchingJsonPath("$.Notification.Threshold", equalTo("99.0")))
                .withRequestBody(matchingJsonPath("$.Notification.ComparisonOperator", equalTo("GREATER_THAN")))
                .withRequestBody(matchingJsonPath("$.Subscribers[0].SubscriptionType", equalTo("EMAIL"))));
        // Both rows in one read-modify-write: no request repeated within a run.
        server.verify(1, getRequestedFor(urlPathEqualTo(key)));
        server.verify(1, putRequestedFor(urlEqualTo(key)));
        String body = server.findAll(putRequestedFor(urlEqualTo(key))).get(0).getBodyAsString();
        // The SDK streams the body aws-chunked with a trailing checksum: look at the payload.
        assertTrue(body.contains("daylily-global\tubuntu\nda-us-west-2b-cl1\tubuntu,alice,bob\n"), body);
    }
}
