package io.daylily.ec.app.sim;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.daylily.ec.api.testing.CfnTemplates;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * CloudFormation that remembers (a WireMock response transformer on the query protocol): CreateStack,
 * UpdateStack, DescribeStacks and DescribeStackEvents over the stacks it holds, each stack being its
 * template (read with {@link CfnTemplates}), its parameters and the resources its conditions select.
 *
 * <p>An update is planned the way CloudFormation plans one: a logical id only in the new template is
 * created, one only in the old is deleted, one in both with other properties is changed. CloudFormation
 * creates before it deletes, so a new {@code AWS::EC2::Route} for a route table and destination an old
 * route already has fails ({@code RouteAlreadyExists}), as does a new subnet association for a subnet
 * already associated; the stack then ends {@code UPDATE_ROLLBACK_COMPLETE} with nothing changed. An update
 * that changes no resource, parameter or output value is refused with "No updates are to be performed.".
 * Create and update complete at once (the first DescribeStacks sees the end state).
 */
public final class StatefulStacks implements ResponseTransformerV2 {
    public static final String NAME = "stateful-stacks";
    private static final String NS = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

    /** One stack: what it was made from and what it holds. */
    private static final class StackState {
        final String name;
        Map<String, Object> template;
        Map<String, String> parameters;
        Map<String, Map<String, Object>> resources;
        String status;
        final List<String[]> events = new ArrayList<>(); // {logicalId, status, reason}

        StackState(String name) {
            this.name = name;
        }
    }

    private final Map<String, StackState> stacks = new LinkedHashMap<>();
    private final List<String> deleted = new ArrayList<>();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    /** A stack that already exists (made by an earlier tool), CREATE_COMPLETE. */
    public synchronized StatefulStacks seed(String name, String templateBody, Map<String, String> parameters) {
        StackState s = new StackState(name);
        s.template = CfnTemplates.load(templateBody);
        s.parameters = resolve(s.template, parameters);
        s.resources = selected(s.template, s.parameters);
        s.status = "CREATE_COMPLETE";
        s.resources.keySet().forEach(id -> s.events.add(new String[] {id, "CREATE_COMPLETE", null}));
        stacks.put(name, s);
        return this;
    }

    /** The logical ids the stack holds now. */
    public synchronized List<String> resources(String name) {
        return new ArrayList<>(new TreeMap<>(stacks.get(name).resources).keySet());
    }

    public synchronized String status(String name) {
        return stacks.get(name).status;
    }

    /** Every resource an update deleted, as {@code stack/logicalId}. */
    public synchronized List<String> deleted() {
        return List.copyOf(deleted);
    }

    @Override
    public synchronized Response transform(Response response, ServeEvent event) {
        Map<String, String> form = form(event.getRequest().getBodyAsString());
        String name = form.getOrDefault("StackName", "");
        StackState s = stacks.get(name);
        switch (form.getOrDefault("Action", "")) {
            case "DescribeStacks":
                return s == null ? missing(name) : xml(200, "<DescribeStacksResponse xmlns=\"" + NS + "\"><DescribeStacksResult><Stacks>"
                        + describe(s) + "</Stacks></DescribeStacksResult>" + meta() + "</DescribeStacksResponse>");
            case "DescribeStackEvents":
                return s == null ? missing(name) : xml(200, events(s));
            case "CreateStack":
                if (s != null) {
                    return error("AlreadyExistsException", "Stack [" + name + "] already exists");
                }
                seed(name, form.get("TemplateBody"), parameters(form));
                return xml(200, "<CreateStackResponse xmlns=\"" + NS + "\"><CreateStackResult><StackId>" + id(name)
                        + "</StackId></CreateStackResult>" + meta() + "</CreateStackResponse>");
            case "UpdateStack":
                if (s == null) {
                    return missing(name);
                }
                return update(s, form.get("TemplateBody"), parameters(form));
            default:
                return error("InvalidAction", "not simulated: " + form.get("Action"));
        }
    }

    private Response update(StackState s, String body, Map<String, String> given) {
        Map<String, Object> template = CfnTemplates.load(body);
        Map<String, String> params = resolve(template, given);
        Map<String, Map<String, Object>> next = selected(template, params);
        List<String> created = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        next.forEach((id, r) -> {
            if (!s.resources.containsKey(id)) {
                created.add(id);
            } else if (!Objects.equals(s.resources.get(id), r)) {
                changed.add(id);
            }
        });
        List<String> removed = s.resources.keySet().stream().filter(id -> !next.containsKey(id)).toList();
        boolean sameOutputs = outputs(s.template, s.parameters, s.resources).equals(outputs(template, params, next));
        if (created.isEmpty() && changed.isEmpty() && removed.isEmpty() && params.equals(s.parameters) && sameOutputs) {
            return error("ValidationError", "No updates are to be performed.");
        }
        for (String id : created) {
            String clash = clash(s.resources, next.get(id));
            if (clash != null) {
                s.events.add(new String[] {id, "CREATE_FAILED", clash});
                s.events.add(new String[] {s.name, "UPDATE_ROLLBACK_COMPLETE", null});
                s.status = "UPDATE_ROLLBACK_COMPLETE";
                return updated(s);
            }
        }
        created.forEach(id -> s.events.add(new String[] {id, "CREATE_COMPLETE", null}));
        changed.forEach(id -> s.events.add(new String[] {id, "UPDATE_COMPLETE", null}));
        removed.forEach(id -> {
            s.events.add(new String[] {id, "DELETE_COMPLETE", null});
            deleted.add(s.name + "/" + id);
        });
        s.template = template;
        s.parameters = params;
        s.resources = next;
        s.status = "UPDATE_COMPLETE";
        s.events.add(new String[] {s.name, "UPDATE_COMPLETE", null});
        return updated(s);
    }

    /** Why creating {@code r} beside {@code existing} fails, or null. */
    private static String clash(Map<String, Map<String, Object>> existing, Map<String, Object> r) {
        Map<?, ?> p = (Map<?, ?>) r.getOrDefault("Properties", Map.of());
        for (Map<String, Object> old : existing.values()) {
            if (!Objects.equals(old.get("Type"), r.get("Type"))) {
                continue;
            }
            Map<?, ?> q = (Map<?, ?>) old.getOrDefault("Properties", Map.of());
            if ("AWS::EC2::Route".equals(r.get("Type")) && Objects.equals(p.get("RouteTableId"), q.get("RouteTableId"))
                    && Objects.equals(p.get("DestinationCidrBlock"), q.get("DestinationCidrBlock"))) {
                return "Route with destination " + p.get("DestinationCidrBlock") + " already exists (RouteAlreadyExists)";
            }
            if ("AWS::EC2::SubnetRouteTableAssociation".equals(r.get("Type")) && Objects.equals(p.get("SubnetId"), q.get("SubnetId"))) {
                return "the subnet is already associated with a route table (Resource.AlreadyAssociated)";
            }
        }
        return null;
    }

    private static Response updated(StackState s) {
        return xml(200, "<UpdateStackResponse xmlns=\"" + NS + "\"><UpdateStackResult><StackId>" + id(s.name)
                + "</StackId></UpdateStackResult>" + meta() + "</UpdateStackResponse>");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> resolve(Map<String, Object> template, Map<String, String> given) {
        Map<String, String> out = new TreeMap<>();
        ((Map<String, Map<String, Object>>) template.getOrDefault("Parameters", Map.of())).forEach((k, def) -> {
            Object d = def.get("Default");
            String v = given.containsKey(k) ? given.get(k) : d == null ? null : String.valueOf(d);
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The resources whose condition holds with these parameters. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> selected(Map<String, Object> template, Map<String, String> params) {
        Map<String, Object> conditions = (Map<String, Object>) template.getOrDefault("Conditions", Map.of());
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        CfnTemplates.resources(template).forEach((id, r) -> {
            Object c = r.get("Condition");
            if (c == null || holds(conditions.get(String.valueOf(c)), params)) {
                Map<String, Object> copy = new LinkedHashMap<>(r);
                copy.remove("Condition"); // the condition's name is not part of the resource
                out.put(id, copy);
            }
        });
        return out;
    }

    private static boolean holds(Object condition, Map<String, String> params) {
        if (condition instanceof Map<?, ?> m && m.get("Fn::Equals") instanceof List<?> l && l.size() == 2) {
            return Objects.equals(value(l.get(0), params), value(l.get(1), params));
        }
        throw new IllegalArgumentException("condition not simulated: " + condition);
    }

    private static String value(Object v, Map<String, String> params) {
        if (v instanceof Map<?, ?> m && m.containsKey("Ref")) {
            return params.get(String.valueOf(m.get("Ref")));
        }
        return String.valueOf(v);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> outputs(Map<String, Object> template, Map<String, String> params,
            Map<String, Map<String, Object>> resources) {
        Map<String, Object> conditions = (Map<String, Object>) template.getOrDefault("Conditions", Map.of());
        Map<String, String> out = new TreeMap<>();
        ((Map<String, Map<String, Object>>) template.getOrDefault("Outputs", Map.of())).forEach((k, o) ->
                out.put(k, output(o.get("Value"), conditions, params, resources)));
        return out;
    }

    private static String output(Object v, Map<String, Object> conditions, Map<String, String> params,
            Map<String, Map<String, Object>> resources) {
        if (v instanceof Map<?, ?> m && m.containsKey("Ref")) {
            String ref = String.valueOf(m.get("Ref"));
            return resources.containsKey(ref) ? physicalId(ref, String.valueOf(resources.get(ref).get("Type"))) : params.get(ref);
        }
        if (v instanceof Map<?, ?> m && m.get("Fn::If") instanceof List<?> l) {
            return output(holds(conditions.get(String.valueOf(l.get(0))), params) ? l.get(1) : l.get(2), conditions, params, resources);
        }
        return String.valueOf(v);
    }

    /** The ids the other simulated answers use (DescribeSubnets.xml, ListPolicies.xml). */
    private static String physicalId(String logicalId, String type) {
        return switch (logicalId) {
            case "VPC" -> "vpc-0123456789abcdef0";
            case "PublicSubnet" -> "subnet-0aaa1111bbbb2222c";
            case "PrivateSubnet" -> "subnet-0ddd3333eeee4444f";
            default -> type.equals("AWS::IAM::ManagedPolicy") ? "arn:aws:iam::123456789012:policy/pclusterTagsAndBudget"
                    : type.substring(type.lastIndexOf(':') + 1).toLowerCase() + "-" + logicalId.toLowerCase();
        };
    }

    private static String describe(StackState s) {
        StringBuilder b = new StringBuilder("<member><StackName>" + s.name + "</StackName><StackId>" + id(s.name)
                + "</StackId><CreationTime>2026-11-25T10:00:00Z</CreationTime><StackStatus>" + s.status + "</StackStatus><Parameters>");
        s.parameters.forEach((k, v) -> b.append("<member><ParameterKey>").append(k).append("</ParameterKey><ParameterValue>")
                .append(v).append("</ParameterValue></member>"));
        b.append("</Parameters><Outputs>");
        outputs(s.template, s.parameters, s.resources).forEach((k, v) -> b.append("<member><OutputKey>").append(k)
                .append("</OutputKey><OutputValue>").append(v).append("</OutputValue></member>"));
        return b.append("</Outputs></member>").toString();
    }

    private static String events(StackState s) {
        StringBuilder b = new StringBuilder("<DescribeStackEventsResponse xmlns=\"" + NS + "\"><DescribeStackEventsResult><StackEvents>");
        for (int i = s.events.size() - 1; i >= 0; i--) { // newest first
            String[] e = s.events.get(i);
            b.append("<member><StackId>").append(id(s.name)).append("</StackId><EventId>e-").append(i).append("</EventId><StackName>")
                    .append(s.name).append("</StackName><LogicalResourceId>").append(e[0]).append("</LogicalResourceId><Timestamp>")
                    .append("2026-11-25T10:00:").append(String.format("%02d", i % 60)).append("Z</Timestamp><ResourceStatus>")
                    .append(e[1]).append("</ResourceStatus>");
            if (e[2] != null) {
                b.append("<ResourceStatusReason>").append(e[2]).append("</ResourceStatusReason>");
            }
            b.append("</member>");
        }
        return b.append("</StackEvents></DescribeStackEventsResult>").append(meta()).append("</DescribeStackEventsResponse>").toString();
    }

    private static Map<String, String> parameters(Map<String, String> form) {
        Map<String, String> out = new TreeMap<>();
        for (int i = 1; form.containsKey("Parameters.member." + i + ".ParameterKey"); i++) {
            out.put(form.get("Parameters.member." + i + ".ParameterKey"), form.get("Parameters.member." + i + ".ParameterValue"));
        }
        return out;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : (body == null ? "" : body).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String id(String name) {
        return "arn:aws:cloudformation:us-west-2:123456789012:stack/" + name + "/4f7c";
    }

    private static String meta() {
        return "<ResponseMetadata><RequestId>cfn-sim</RequestId></ResponseMetadata>";
    }

    private static Response missing(String name) {
        return error("ValidationError", "Stack with id " + name + " does not exist");
    }

    private static Response error(String code, String message) {
        return xml(400, "<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type><Code>" + code + "</Code><Message>"
                + message + "</Message></Error><RequestId>cfn-sim</RequestId></ErrorResponse>");
    }

    private static Response xml(int status, String body) {
        return Response.response().status(status).headers(new HttpHeaders(new HttpHeader("Content-Type", "text/xml")))
                .body(body).build();
    }
}
