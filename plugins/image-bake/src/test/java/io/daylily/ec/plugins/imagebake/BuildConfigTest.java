package io.daylily.ec.plugins.imagebake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.daylily.ec.api.AwsOperationException;
import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.facts.Network;
import io.daylily.ec.api.testing.SdkMocks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;

/** The build-image configuration against ParallelCluster's rule, and where its security group comes from. */
class BuildConfigTest {
    /**
     * ParallelCluster's build-image validation of the Build section: a SubnetId needs SecurityGroupIds
     * ("Subnet id … is specified, security groups is required"); each id is an sg- id.
     */
    static List<String> validate(String yaml) {
        List<String> problems = new ArrayList<>();
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        Map<?, ?> build = doc instanceof Map<?, ?> m && m.get("Build") instanceof Map<?, ?> b ? b : Map.of();
        for (String k : List.of("InstanceType", "ParentImage")) {
            if (!(build.get(k) instanceof String)) {
                problems.add("Build." + k + " is required");
            }
        }
        Object subnet = build.get("SubnetId");
        Object groups = build.get("SecurityGroupIds");
        if (subnet != null && !(groups instanceof List<?> l && !l.isEmpty())) {
            problems.add("Subnet id " + subnet + " is specified, security groups is required");
        }
        if (groups instanceof List<?> l) {
            l.stream().filter(g -> !String.valueOf(g).matches("sg-[0-9a-f]+")).forEach(g -> problems.add("not a security group: " + g));
        }
        return problems;
    }

    @Test
    void theRuleRefusesASubnetWithoutASecurityGroup() {
        assertEquals(List.of("Subnet id subnet-1 is specified, security groups is required"),
                validate("Build:\n  InstanceType: r7i.2xlarge\n  ParentImage: ami-1\n  SubnetId: subnet-1\n"));
        assertEquals(List.of(), validate("Build:\n  InstanceType: r7i.2xlarge\n  ParentImage: ami-1\n"));
    }

    @Test
    void theWrittenConfigPassesTheRule() {
        String yaml = ImageBakeStep.buildConfig("r7i.2xlarge", "ami-0parent", "subnet-0aaa1111bbbb2222c", "sg-0abc1234def567890");
        assertEquals(List.of(), validate(yaml));
        assertTrue(yaml.contains("  SecurityGroupIds:\n    - sg-0abc1234def567890\n"), yaml);
    }

    @Test
    void theVpcsDefaultGroupIsLookedUp() {
        Ec2Client ec2 = SdkMocks.mock(Ec2Client.class);
        when(ec2.describeSecurityGroups(any(DescribeSecurityGroupsRequest.class))).thenReturn(DescribeSecurityGroupsResponse.builder()
                .securityGroups(SecurityGroup.builder().groupId("sg-0abc1234def567890").groupName("default").build()).build());
        assertEquals("sg-0abc1234def567890", ImageBakeStep.securityGroup("", new Network("vpc-1", "subnet-1", "subnet-2"), () -> ec2));
        ArgumentCaptor<DescribeSecurityGroupsRequest> r = ArgumentCaptor.forClass(DescribeSecurityGroupsRequest.class);
        verify(ec2).describeSecurityGroups(r.capture());
        assertEquals("[vpc-id=[vpc-1], group-name=[default]]", r.getValue().filters().stream()
                .map(f -> f.name() + "=" + f.values()).toList().toString());
        verify(ec2, never()).describeSubnets(any(DescribeSubnetsRequest.class));
    }

    @Test
    void withoutAVpcIdTheSubnetsVpcIsRead() {
        Ec2Client ec2 = SdkMocks.mock(Ec2Client.class);
        when(ec2.describeSubnets(any(DescribeSubnetsRequest.class))).thenReturn(DescribeSubnetsResponse.builder()
                .subnets(Subnet.builder().subnetId("subnet-1").vpcId("vpc-9").build()).build());
        when(ec2.describeSecurityGroups(any(DescribeSecurityGroupsRequest.class))).thenReturn(DescribeSecurityGroupsResponse.builder()
                .securityGroups(SecurityGroup.builder().groupId("sg-0123456789abcdef0").build()).build());
        assertEquals("sg-0123456789abcdef0", ImageBakeStep.securityGroup("", new Network("", "subnet-1", "subnet-2"), () -> ec2));
        ArgumentCaptor<DescribeSecurityGroupsRequest> r = ArgumentCaptor.forClass(DescribeSecurityGroupsRequest.class);
        verify(ec2).describeSecurityGroups(r.capture());
        assertEquals(List.of("vpc-9"), r.getValue().filters().get(0).values());
    }

    @Test
    void aConfiguredGroupWinsAndAMalformedOneIsExitOne() {
        Ec2Client ec2 = SdkMocks.mock(Ec2Client.class);
        assertEquals("sg-0123456789abcdef0", ImageBakeStep.securityGroup(" sg-0123456789abcdef0 ", new Network("vpc-1", "s", "t"), () -> ec2));
        verify(ec2, never()).describeSecurityGroups(any(DescribeSecurityGroupsRequest.class));
        DaylilyException e = assertThrows(DaylilyException.class,
                () -> ImageBakeStep.securityGroup("default", new Network("vpc-1", "s", "t"), () -> ec2));
        assertEquals(1, e.exitCode().code());
        assertTrue(e.getMessage().contains("DAYLILY_IMAGE_SECURITY_GROUP='default' is not a security group id"), e.getMessage());
    }

    @Test
    void aVpcWithoutADefaultGroupIsExitTwoNamingTheSetting() {
        Ec2Client ec2 = SdkMocks.mock(Ec2Client.class);
        when(ec2.describeSecurityGroups(any(DescribeSecurityGroupsRequest.class))).thenReturn(DescribeSecurityGroupsResponse.builder().build());
        AwsOperationException e = assertThrows(AwsOperationException.class,
                () -> ImageBakeStep.securityGroup("", new Network("vpc-1", "s", "t"), () -> ec2));
        assertEquals(2, e.exitCode().code());
        assertTrue(e.getMessage().contains("VPC vpc-1 has no default security group") && e.getMessage().contains("DAYLILY_IMAGE_SECURITY_GROUP"),
                e.getMessage());
    }
}
