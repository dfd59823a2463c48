package io.daylily.ec.steps.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.testing.CfnTemplates;
import io.daylily.ec.api.testing.Fixtures;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** cfn-lint-style sanity of config/day_cluster/pcluster_env.yml (the bundled copy is the same file). */
class TemplateSanityTest {
    static final Set<String> PSEUDO = Set.of("AWS::Region", "AWS::AccountId", "AWS::StackName", "AWS::Partition",
            "AWS::URLSuffix", "AWS::NoValue", "AWS::StackId");

    static Map<String, Object> template() {
        return CfnTemplates.load(InfraNetworkStep.template());
    }

    @Test
    void shortAndLongFormsReadAlike() {
        assertEquals(CfnTemplates.load("A: {Ref: X}\nB: {\"Fn::GetAtt\": [N, AllocationId]}\nC: {\"Fn::Sub\": \"${E} P\"}\n"
                        + "D: {\"Fn::If\": [K, {Ref: R}, text]}\nV: \"2010-09-09\"\n"),
                CfnTemplates.load("A: !Ref X\nB: !GetAtt N.AllocationId\nC: !Sub ${E} P\nD: !If [K, !Ref R, text]\nV: 2010-09-09\n"));
    }

    @Test
    void bundledTemplateIsTheRepositoryFile() throws Exception {
        assertEquals(Files.readString(Fixtures.projectRoot().resolve("config/day_cluster/pcluster_env.yml")),
                InfraNetworkStep.template());
    }

    @Test
    void shapeParametersOutputsAndQuotedDate() {
        Map<String, Object> t = template();
        assertInstanceOf(String.class, t.get("AWSTemplateFormatVersion"), "the date must be quoted");
        assertEquals("2010-09-09", t.get("AWSTemplateFormatVersion"));
        assertEquals(Set.of("EnvironmentName", "VpcCIDR", "PublicSubnetCIDR", "PrivateSubnetCIDR", "AvailabilityZone",
                "CreatePolicy"), ((Map<?, ?>) t.get("Parameters")).keySet());
        assertEquals(Set.of("VPC", "PublicSubnets", "PrivateSubnet", "PclusterPolicy"), ((Map<?, ?>) t.get("Outputs")).keySet());
        Map<?, ?> res = (Map<?, ?>) t.get("Resources");
        Map<String, Long> types = new java.util.TreeMap<>();
        res.values().forEach(r -> types.merge(String.valueOf(((Map<?, ?>) r).get("Type")), 1L, Long::sum));
        assertEquals(1L, types.get("AWS::EC2::VPC"));
        assertEquals(2L, types.get("AWS::EC2::Subnet"));
        assertEquals(1L, types.get("AWS::EC2::NatGateway"));
        assertEquals(1L, types.get("AWS::EC2::EIP"));
        assertEquals(1L, types.get("AWS::EC2::InternetGateway"));
        assertEquals(2L, types.get("AWS::EC2::RouteTable"));
        assertEquals(1L, types.get("AWS::IAM::ManagedPolicy"));
        String text = InfraNetworkStep.template();
        assertTrue(text.contains("${EnvironmentName} Public Subnet") && text.contains("${EnvironmentName} Private Subnet"));
        assertTrue(text.contains("ManagedPolicyName: pclusterTagsAndBudget"));
    }

    /** The legacy stacks' logical ids (PARITY §10.2): a renamed route or association fails an update of such a stack. */
    @Test
    void logicalIdsAndTheConditionAreTheLegacyStacksOnes() {
        Map<String, Object> t = template();
        assertEquals(new java.util.TreeMap<>(Map.ofEntries(Map.entry("pclusterManageTags", "AWS::IAM::ManagedPolicy"),
                Map.entry("VPC", "AWS::EC2::VPC"), Map.entry("InternetGateway", "AWS::EC2::InternetGateway"),
                Map.entry("InternetGatewayAttachment", "AWS::EC2::VPCGatewayAttachment"),
                Map.entry("PublicSubnet", "AWS::EC2::Subnet"), Map.entry("PrivateSubnet", "AWS::EC2::Subnet"),
                Map.entry("NatGatewayEIP", "AWS::EC2::EIP"), Map.entry("NatGateway", "AWS::EC2::NatGateway"),
                Map.entry("PublicRouteTable", "AWS::EC2::RouteTable"), Map.entry("PrivateRouteTable", "AWS::EC2::RouteTable"),
                Map.entry("DefaultPublicRoute", "AWS::EC2::Route"), Map.entry("DefaultPrivateRoute", "AWS::EC2::Route"),
                Map.entry("PublicSubnetRouteTableAssociation", "AWS::EC2::SubnetRouteTableAssociation"),
                Map.entry("PrivateSubnetRouteTableAssociation", "AWS::EC2::SubnetRouteTableAssociation"))),
                CfnTemplates.types(t));
        assertEquals(Set.of("CreateIAMPolicy"), CfnTemplates.keys(t, "Conditions"));
        assertEquals("CreateIAMPolicy", CfnTemplates.resources(t).get("pclusterManageTags").get("Condition"));
    }

    /**
     * Against the legacy template itself: the same parameters, condition, resources (type, condition,
     * dependencies and every property) and output values, so updating a stack it made changes no resource.
     */
    @Test
    void everyResourceAndOutputIsTheUpstreamTemplates() throws Exception {
        Map<String, Object> upstream = CfnTemplates.load(Files.readString(
                Fixtures.upstream().resolve("config/day_cluster/pcluster_env.yml")));
        Map<String, Object> ours = template();
        for (String section : List.of("Parameters", "Conditions", "Resources", "Outputs")) {
            assertEquals(CfnTemplates.keys(upstream, section), CfnTemplates.keys(ours, section), section);
        }
        assertEquals(upstream.get("Conditions"), ours.get("Conditions"));
        assertEquals(upstream.get("Resources"), ours.get("Resources"));
        Map<?, ?> up = (Map<?, ?>) upstream.get("Outputs");
        Map<?, ?> we = (Map<?, ?>) ours.get("Outputs");
        up.forEach((k, v) -> assertEquals(((Map<?, ?>) v).get("Value"), ((Map<?, ?>) we.get(k)).get("Value"), "output " + k));
        Map<?, ?> upParams = (Map<?, ?>) upstream.get("Parameters");
        Map<?, ?> ourParams = (Map<?, ?>) ours.get("Parameters");
        upParams.forEach((k, v) -> {
            Map<?, ?> a = new java.util.HashMap<>((Map<?, ?>) v);
            Map<?, ?> b = new java.util.HashMap<>((Map<?, ?>) ourParams.get(k));
            a.remove("Description");
            b.remove("Description");
            assertEquals(a, b, "parameter " + k);
        });
    }

    @Test
    void everyReferenceResolves() {
        Map<String, Object> t = template();
        Set<String> names = new TreeSet<>(((Map<String, ?>) t.get("Parameters")).keySet());
        Set<String> resources = new TreeSet<>(((Map<String, ?>) t.get("Resources")).keySet());
        names.addAll(resources);
        names.addAll(PSEUDO);
        Set<String> conditions = ((Map<String, ?>) t.get("Conditions")).keySet();
        List<String> problems = new ArrayList<>();
        walk(t, names, resources, conditions, problems);
        ((Map<String, Map<String, Object>>) t.get("Resources")).forEach((id, r) -> {
            Object c = r.get("Condition");
            if (c != null && !conditions.contains(c)) {
                problems.add(id + ": unknown condition " + c);
            }
            Object dep = r.get("DependsOn");
            if (dep != null && !resources.contains(dep)) {
                problems.add(id + ": DependsOn unknown " + dep);
            }
        });
        assertEquals(List.of(), problems);
    }

    private static final Pattern SUB = Pattern.compile("\\$\\{([^}!]+)}");

    private static void walk(Object node, Set<String> names, Set<String> resources, Set<String> conditions, List<String> problems) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = String.valueOf(e.getKey());
                Object v = e.getValue();
                switch (k) {
                    case "Ref" -> {
                        if (!names.contains(String.valueOf(v))) {
                            problems.add("Ref to unknown " + v);
                        }
                    }
                    case "Fn::GetAtt" -> {
                        String target = String.valueOf(((List<?>) v).get(0));
                        if (!resources.contains(target)) {
                            problems.add("GetAtt on unknown " + target);
                        }
                    }
                    case "Fn::Sub" -> {
                        Matcher mm = SUB.matcher(String.valueOf(v));
                        while (mm.find()) {
                            if (!names.contains(mm.group(1))) {
                                problems.add("Sub of unknown " + mm.group(1));
                            }
                        }
                    }
                    case "Fn::If" -> {
                        if (!conditions.contains(String.valueOf(((List<?>) v).get(0)))) {
                            problems.add("If on unknown condition " + ((List<?>) v).get(0));
                        }
                    }
                    default -> { }
                }
                walk(v, names, resources, conditions, problems);
            }
        } else if (node instanceof List<?> l) {
            l.forEach(x -> walk(x, names, resources, conditions, problems));
        }
    }
}
