package io.daylily.ec.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.app.sim.SimulatedAws;
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
    @TempDir
    Path dir;

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
