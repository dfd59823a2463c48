package io.daylily.ec.api.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation template (YAML, short-form intrinsic tags such as {@code !Ref} or
 * {@code !GetAtt A.B} allowed) into plain maps in the long form ({@code {Ref: X}},
 * {@code {Fn::GetAtt: [A, B]}}), so templates written either way compare as equal structures.
 * Scalars stay what YAML makes them, except that an unquoted date-like version is kept as text.
 */
public final class CfnTemplates {
    private static final List<String> FUNCTIONS = List.of("Ref", "Condition", "Sub", "GetAtt", "Equals", "If", "Not", "And",
            "Or", "Join", "Select", "Split", "FindInMap", "Base64", "Cidr", "GetAZs", "ImportValue");

    private CfnTemplates() {
    }

    /** The template as maps, lists and scalars, intrinsic functions in their long form. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> load(String text) {
        return (Map<String, Object>) new Yaml(new Constructor(), new org.yaml.snakeyaml.representer.Representer(
                new org.yaml.snakeyaml.DumperOptions()), new org.yaml.snakeyaml.DumperOptions(), new LoaderOptions(),
                new NoTimestamps()).load(text);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Map<String, Object>> resources(Map<String, Object> template) {
        return (Map<String, Map<String, Object>>) template.getOrDefault("Resources", Map.of());
    }

    /** {@code section}'s keys (Parameters, Conditions, Resources, Outputs), sorted. */
    public static Set<String> keys(Map<String, Object> template, String section) {
        Object m = template.get(section);
        return m instanceof Map<?, ?> map ? new TreeSet<>(map.keySet().stream().map(String::valueOf).toList()) : Set.of();
    }

    /** Logical id → resource type. */
    public static Map<String, String> types(Map<String, Object> template) {
        Map<String, String> out = new java.util.TreeMap<>();
        resources(template).forEach((id, r) -> out.put(id, String.valueOf(r.get("Type"))));
        return out;
    }

    private static final class NoTimestamps extends org.yaml.snakeyaml.resolver.Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.MERGE, MERGE, "<");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }

    private static final class Constructor extends SafeConstructor {
        Constructor() {
            super(new LoaderOptions());
            for (String f : FUNCTIONS) {
                String key = f.equals("Ref") || f.equals("Condition") ? f : "Fn::" + f;
                yamlConstructors.put(new Tag("!" + f), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put(key, value(f, node));
                        return m;
                    }
                });
            }
        }

        private Object value(String f, Node node) {
            if (node instanceof ScalarNode s) {
                String v = s.getValue();
                if (f.equals("GetAtt")) {
                    int dot = v.indexOf('.');
                    return new ArrayList<>(List.of(v.substring(0, dot), v.substring(dot + 1)));
                }
                return v;
            }
            if (node instanceof SequenceNode q) {
                return constructSequence(q);
            }
            return constructMapping((MappingNode) node);
        }
    }
}
