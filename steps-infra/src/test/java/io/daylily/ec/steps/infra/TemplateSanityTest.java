package io.daylily.ec.steps.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** cfn-lint-style sanity of config/day_cluster/pcluster_env.yml (the bundled copy is the same file). */
class TemplateSanityTest {
    static final Set<String> PSEUDO = Set.of("AWS::Region", "AWS::AccountId", "AWS::StackName", "AWS::Partition",
            "AWS::URLSuffix", "AWS::NoValue", "AWS::StackId");

    @SuppressWarnings("unchecked")
    static Map<String, Object> template() {
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(InfraNetworkStep.template());
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
