package io.daylily.ec.steps.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.daylily.ec.api.testing.SdkMocks;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.IamPolicies;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.testing.ScriptedPrompter;
import io.daylily.ec.api.testing.TestServices;
import io.daylily.ec.support.config.ConfigKeys;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;

/** Subnets are offered as public/private pairs within one VPC, each line naming subnet, Name tag and VPC (issue #16). */
class SubnetPairsTest {
    @TempDir
    Path dir;

    static Subnet subnet(String id, String vpc, String name) {
        return Subnet.builder().subnetId(id).vpcId(vpc).tags(Tag.builder().key("Name").value(name).build()).build();
    }

    private TestServices services(ScriptedPrompter p, Subnet... subnets) {
        Ec2Client ec2 = SdkMocks.mock(Ec2Client.class);
        when(ec2.describeSubnets(any(DescribeSubnetsRequest.class))).thenReturn(DescribeSubnetsResponse.builder().subnets(subnets).build());
        return TestServices.builder(dir).aws(Ec2Client.class, ec2).prompter(p).build();
    }

    private static RunContext ctx() {
        return Ctx.base().with(ContextKeys.IAM_POLICIES, new IamPolicies(List.of("arn:aws:iam::1:policy/pclusterTagsAndBudget"), ""));
    }

    @Test
    void theMenuOffersOnlyPairsOfOneVpcWithTheirNamesAndVpc() {
        ScriptedPrompter p = ScriptedPrompter.answering("2");
        TestServices s = services(p, subnet("subnet-0a1", "vpc-1", "a Public Subnet"), subnet("subnet-0a2", "vpc-2", "b Public Subnet"),
                subnet("subnet-0b1", "vpc-1", "a Private Subnet"), subnet("subnet-0b2", "vpc-2", "b Private Subnet"));
        RunContext out = new NetworkStep().run(ctx(), s);
        String q = p.questions().get(0);
        assertTrue(q.contains("1) subnet-0a1 (a Public Subnet)  +  subnet-0b1 (a Private Subnet)  in vpc-1"), q);
        assertTrue(q.contains("2) subnet-0a2 (b Public Subnet)  +  subnet-0b2 (b Private Subnet)  in vpc-2"), q);
        assertTrue(!q.contains("3)"), "no pair across two VPCs: " + q);
        assertEquals(1, p.questions().size(), "one menu, not two");
        assertEquals("subnet-0a2", out.get(ContextKeys.NETWORK).map(io.daylily.ec.api.facts.Network::publicSubnetId).orElse(""));
        assertEquals("subnet-0b2", out.get(ContextKeys.NETWORK).map(io.daylily.ec.api.facts.Network::privateSubnetId).orElse(""));
        assertEquals(CheckStatus.PASS, s.events().check("network.subnets").status());
    }

    @Test
    void noPairInOneVpcFailsInsteadOfAsking() {
        ScriptedPrompter p = ScriptedPrompter.answering();
        TestServices s = services(p, subnet("subnet-0a1", "vpc-1", "a Public Subnet"), subnet("subnet-0a2", "vpc-1", "b Public Subnet"),
                subnet("subnet-0b2", "vpc-2", "b Private Subnet"));
        new NetworkStep().run(ctx(), s);
        assertEquals(CheckStatus.FAIL, s.events().check("network.subnets").status());
        assertTrue(s.events().check("network.subnets").remediation().contains("share a VPC"));
        assertEquals(List.of(), p.questions());
    }

    @Test
    void twoSingleCandidatesInDifferentVpcsAreNotTakenTogether() {
        TestServices s = services(ScriptedPrompter.nonInteractive(), subnet("subnet-0a1", "vpc-1", "a Public Subnet"),
                subnet("subnet-0b2", "vpc-2", "b Private Subnet"));
        RunContext out = new NetworkStep().run(ctx(), s);
        var c = s.events().check("network.subnets");
        assertEquals(CheckStatus.FAIL, c.status());
        assertEquals("vpc-1", c.details().get("public_vpc"));
        assertEquals("vpc-2", c.details().get("private_vpc"));
        assertEquals("", out.get(ContextKeys.NETWORK).map(io.daylily.ec.api.facts.Network::publicSubnetId).orElse(""));
        // in one VPC they are
        TestServices one = services(ScriptedPrompter.nonInteractive(), subnet("subnet-0a1", "vpc-1", "a Public Subnet"),
                subnet("subnet-0b1", "vpc-1", "a Private Subnet"));
        assertEquals("subnet-0b1", new NetworkStep().run(ctx(), one).get(ContextKeys.NETWORK).map(io.daylily.ec.api.facts.Network::privateSubnetId).orElse(""));
    }
}
