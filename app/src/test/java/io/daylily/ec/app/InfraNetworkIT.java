package io.daylily.ec.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.testing.Fixtures;
import io.daylily.ec.app.sim.SimulatedAws;
import io.daylily.ec.app.sim.StatefulStacks;
import io.daylily.ec.app.sim.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code daylily-ec infra ensure-network} through the real jar against a simulated AWS. */
class InfraNetworkIT {
    static final String STACK = "pcluster-vpc-stack-2b";
    static final Map<String, String> LEGACY_PARAMETERS = Map.of("EnvironmentName", "daylily-cs-us-west-twob",
            "AvailabilityZone", "us-west-2b", "CreatePolicy", "true");

    @TempDir
    Path dir;

    static String upstreamTemplate() throws Exception {
        return Files.readString(Fixtures.upstream().resolve("config/day_cluster/pcluster_env.yml"));
    }

    static String bundledTemplate() throws Exception {
        return Files.readString(Fixtures.projectRoot().resolve("config/day_cluster/pcluster_env.yml"));
    }

    /** A stack the legacy scripts made (from the upstream template, owning pclusterTagsAndBudget), no tagged subnet found. */
    @Test
    void aLegacyStackIsReusedAsItIsAndUpdatedOnlyWhenAsked() throws Exception {
        reusedThenUpdated(upstreamTemplate());
    }

    /** The whole create on an account whose only daylily network is a stack the legacy scripts made. */
    @Test
    void createOnAnAccountWithALegacyStackReusesItAndCreatesTheCluster() throws Exception {
        StatefulStacks stacks = new StatefulStacks().seed(STACK, upstreamTemplate(), LEGACY_PARAMETERS);
        try (SimulatedAws aws = new SimulatedAws(0, null, stacks)) {
            aws.query("DescribeSubnets", "ec2/DescribeSubnets-empty.xml");
            Workspace ws = new Workspace(dir);
            Map<String, String> env = new HashMap<>(ws.env(aws.endpoint()));
            env.put("DAYLILY_STACK_POLL_SECONDS", "0");
            Workspace.Result r = ws.run(Workspace.jar(), env, "--json", "create", "--region-az", "us-west-2b", "--non-interactive",
                    "--config", ws.config.toString());
            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(r.stderr().contains("Baseline network reused (" + STACK + ")"), r.stderr());
            assertFalse(aws.mutatingOperations().contains("UpdateStack"), aws.mutatingOperations().toString());
            assertFalse(aws.mutatingOperations().contains("CreateStack"), aws.mutatingOperations().toString());
            assertEquals(List.of(), stacks.deleted());
            try (var files = Files.list(ws.configDir)) {
                Path state = files.filter(p -> p.getFileName().toString().startsWith("state_lab-cluster_")).findFirst().orElseThrow();
                var st = io.daylily.ec.api.Json.mapper().readTree(Files.readString(state));
                assertEquals("complete", st.get("status").asText());
                assertEquals("subnet-0aaa1111bbbb2222c", st.get("public_subnet_id").asText(), "the stack's output");
                assertEquals("subnet-0ddd3333eeee4444f", st.get("private_subnet_id").asText());
            }
            assertFalse(io.daylily.ec.api.Json.mapper().readTree(r.stdout()).get("aws_changes").toString().contains("network stack"),
                    "the run does not claim to have made the network: " + r.stdout());
        }
    }

    /** The same paths for a stack this project's template made. */
    @Test
    void aStackFromTheBundledTemplateIsReusedAndUpdatedAlike() throws Exception {
        reusedThenUpdated(bundledTemplate());
    }

    private void reusedThenUpdated(String existingTemplate) throws Exception {
        StatefulStacks stacks = new StatefulStacks().seed(STACK, existingTemplate, LEGACY_PARAMETERS);
        List<String> before = stacks.resources(STACK);
        try (SimulatedAws aws = new SimulatedAws(0, null, stacks)) {
            aws.query("DescribeSubnets", "ec2/DescribeSubnets-empty.xml");
            Workspace ws = new Workspace(dir);
            Map<String, String> env = new HashMap<>(ws.env(aws.endpoint()));
            env.put("DAYLILY_STACK_POLL_SECONDS", "0");

            Workspace.Result reuse = ws.run(Workspace.jar(), env, "infra", "ensure-network", "--region-az", "us-west-2b");
            assertEquals(0, reuse.exitCode(), reuse.stderr());
            assertTrue(reuse.stderr().contains("Baseline network reused (" + STACK + "): public subnet-0aaa1111bbbb2222c, private"
                    + " subnet-0ddd3333eeee4444f — the existing CREATE_COMPLETE stack's outputs, not updated (--update updates it)"),
                    reuse.stderr());
            assertEquals(List.of(), aws.mutatingOperations(), "the stack's outputs are read, nothing is sent");
            assertTrue(aws.operations().contains("DescribeStacks"));

            aws.server().resetRequests();
            Workspace.Result update = ws.run(Workspace.jar(), env, "infra", "ensure-network", "--region-az", "us-west-2b", "--update");
            assertEquals(0, update.exitCode(), update.stderr());
            assertEquals(List.of("UpdateStack"), aws.mutatingOperations());
            assertTrue(update.stderr().contains("Baseline network up_to_date (" + STACK + "): public subnet-0aaa1111bbbb2222c"),
                    "the bundled template changes no resource of the stack: " + update.stderr());
            assertEquals(List.of(), stacks.deleted(), "the stack-owned pclusterTagsAndBudget stays (CreatePolicy kept true)");
            assertEquals(before, stacks.resources(STACK));
            assertEquals("CREATE_COMPLETE", stacks.status(STACK));
            assertEquals(1, aws.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                    com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                    .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("Action=UpdateStack&"))
                    .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(
                            "ParameterKey=CreatePolicy&Parameters.member.2.ParameterValue=true"))).size(),
                    "the policy exists, but the stack owns it: CreatePolicy stays true");
        }
    }

    /**
     * The simulation refuses what CloudFormation refuses: the earlier renamed ids (a second default route
     * beside the legacy one) roll the update back, and CreatePolicy=false deletes the stack's own policy.
     */
    @Test
    void theRenamedIdsOfTheEarlierTemplateWouldHaveFailedTheUpdate() throws Exception {
        String renamed = bundledTemplate().replace("DefaultPublicRoute", "PublicDefaultRoute")
                .replace("PublicSubnetRouteTableAssociation", "PublicSubnetRoutes");
        String bundled = bundledTemplate();
        String upstream = upstreamTemplate();
        StatefulStacks stacks = new StatefulStacks().seed(STACK, upstream, LEGACY_PARAMETERS);
        try (SimulatedAws aws = new SimulatedAws(0, null, stacks);
                var cfn = software.amazon.awssdk.services.cloudformation.CloudFormationClient.builder()
                        .endpointOverride(java.net.URI.create(aws.endpoint()))
                        .region(software.amazon.awssdk.regions.Region.US_WEST_2)
                        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDTEST", "secret")))
                        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            java.util.function.Function<String, List<software.amazon.awssdk.services.cloudformation.model.Parameter>> params = cp ->
                    LEGACY_PARAMETERS.entrySet().stream().map(e -> software.amazon.awssdk.services.cloudformation.model.Parameter
                            .builder().parameterKey(e.getKey()).parameterValue(e.getKey().equals("CreatePolicy") ? cp : e.getValue())
                            .build()).toList();
            cfn.updateStack(b -> b.stackName(STACK).templateBody(renamed).parameters(params.apply("true")));
            assertEquals("UPDATE_ROLLBACK_COMPLETE", cfn.describeStacks(b -> b.stackName(STACK)).stacks().get(0).stackStatusAsString());
            assertTrue(cfn.describeStackEvents(b -> b.stackName(STACK)).stackEvents().stream().anyMatch(e ->
                    e.logicalResourceId().equals("PublicDefaultRoute") && e.resourceStatusAsString().equals("CREATE_FAILED")
                            && e.resourceStatusReason().contains("RouteAlreadyExists")));
            assertEquals(List.of(), stacks.deleted());

            var noChange = org.junit.jupiter.api.Assertions.assertThrows(
                    software.amazon.awssdk.services.cloudformation.model.CloudFormationException.class,
                    () -> cfn.updateStack(b -> b.stackName(STACK).templateBody(bundled).parameters(params.apply("true"))));
            assertTrue(noChange.getMessage().contains("No updates are to be performed"), noChange.getMessage());

            cfn.updateStack(b -> b.stackName(STACK).templateBody(upstream).parameters(params.apply("false")));
            assertEquals(List.of(STACK + "/pclusterManageTags"), stacks.deleted());
            assertEquals("Policy already exists, not created", cfn.describeStacks(b -> b.stackName(STACK)).stacks().get(0).outputs()
                    .stream().filter(o -> o.outputKey().equals("PclusterPolicy")).findFirst().orElseThrow().outputValue());
        }
    }

    @Test
    void createsTheStackThenReportsUpToDateWithoutMutating() throws Exception {
        try (SimulatedAws aws = new SimulatedAws(0).freshNetwork()) {
            Workspace ws = new Workspace(dir);
            Map<String, String> env = new HashMap<>(ws.env(aws.endpoint()));
            env.put("DAYLILY_STACK_POLL_SECONDS", "0");

            Workspace.Result first = ws.run(Workspace.jar(), env, "infra", "ensure-network", "--region-az", "us-west-2b");
            assertEquals(0, first.exitCode(), first.stderr());
            assertTrue(first.stderr().contains("Creating stack pcluster-vpc-stack-2b in us-west-2"), first.stderr());
            assertTrue(first.stderr().contains("  VPC CREATE_COMPLETE"), first.stderr());
            assertTrue(first.stderr().contains("Baseline network created (pcluster-vpc-stack-2b): public subnet-0aaa1111bbbb2222c,"
                    + " private subnet-0ddd3333eeee4444f"), first.stderr());
            assertEquals(List.of("CreateStack"), aws.mutatingOperations());
            // pclusterTagsAndBudget already exists in the simulated account: the stack must not create it again.
            assertEquals(1, aws.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                    com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                    .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("Action=CreateStack&"))
                    .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(
                            "Parameters.member.2.ParameterKey=CreatePolicy&Parameters.member.2.ParameterValue=false"))).size());
            try (var files = Files.list(ws.configDir)) {
                List<String> names = files.map(p -> p.getFileName().toString()).toList();
                assertTrue(names.stream().noneMatch(n -> n.startsWith("state_")), "no cluster was created: no state record " + names);
                String report = Files.readString(ws.configDir.resolve(names.stream().filter(n -> n.startsWith("infra-network_"))
                        .findFirst().orElseThrow()));
                assertTrue(report.contains("network stack pcluster-vpc-stack-2b (created"), "its own report names what it created: " + report);
                assertTrue(report.contains("\"exit_code\": 0"), report);
            }

            aws.server().resetRequests();
            Workspace.Result second = ws.run(Workspace.jar(), env, "infra", "ensure-network", "--region-az", "us-west-2b");
            assertEquals(0, second.exitCode(), second.stderr());
            assertTrue(second.stderr().contains("Baseline network already up to date in us-west-2b: public subnet-0aaa1111bbbb2222c,"
                    + " private subnet-0ddd3333eeee4444f"), second.stderr());
            assertEquals(List.of(), aws.mutatingOperations(), "second run: no mutating call");
            assertFalse(aws.operations().contains("DescribeStacks"));
        }
    }
}
