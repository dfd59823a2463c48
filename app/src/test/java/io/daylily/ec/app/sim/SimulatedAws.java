package io.daylily.ec.app.sim;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for the AWS services preflight reads, speaking each service's own wire protocol
 * (query/XML for STS, IAM, EC2; JSON with X-Amz-Target for Service Quotas; REST-XML for S3), with
 * response bodies kept as files under {@code src/test/resources/aws/<service>/}. One server on a
 * dynamic port; the program reaches it through {@code --endpoint-url} / {@code AWS_ENDPOINT_URL}.
 * An optional fixed latency per request makes round trips visible (benchmarks).
 */
public final class SimulatedAws implements AutoCloseable {
    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z0-9]+)");
    private static final List<String> READ_VERBS = List.of("Get", "List", "Describe", "Head", "Lookup", "Search",
            "Validate", "Estimate", "Simulate", "Check", "Detect", "Preview");

    private final WireMockServer server;
    private final int latencyMs;

    public SimulatedAws(int latencyMs) {
        this(latencyMs, null);
    }

    /** With {@code account} answering Budgets and the budget-tags file from its memory (see {@link StatefulBudgets}). */
    public SimulatedAws(int latencyMs, StatefulBudgets account) {
        this(latencyMs, account, null);
    }

    /**
     * With {@code account} (may be null) answering Budgets and the tags file, and {@code stacks} (may be
     * null) answering CloudFormation's stack operations from their memory (see {@link StatefulStacks}).
     */
    public SimulatedAws(int latencyMs, StatefulBudgets account, StatefulStacks stacks) {
        this.latencyMs = latencyMs;
        var config = wireMockConfig().dynamicPort().containerThreads(32).jettyAcceptors(2);
        List<com.github.tomakehurst.wiremock.extension.Extension> extensions = new ArrayList<>();
        if (account != null) {
            extensions.add(account);
        }
        if (stacks != null) {
            extensions.add(stacks);
        }
        this.server = new WireMockServer(extensions.isEmpty() ? config
                : config.extensions(extensions.toArray(new com.github.tomakehurst.wiremock.extension.Extension[0])));
        server.start();
        healthyAccount();
        if (stacks != null) {
            server.stubFor(post(anyUrl()).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matching(
                    "(?s).*Action=(CreateStack|UpdateStack|DescribeStacks|DescribeStackEvents)&.*")).atPriority(0)
                    .willReturn(aResponse().withTransformers(StatefulStacks.NAME)));
        }
        if (account != null) {
            server.stubFor(post(anyUrl()).withHeader("X-Amz-Target", com.github.tomakehurst.wiremock.client.WireMock.matching(
                    "AWSBudgetServiceGateway\\..*")).atPriority(0).willReturn(aResponse().withTransformers(StatefulBudgets.NAME)));
            server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(urlPathEqualTo(
                    "/lab-omics-analysis-us-west-2/data/budget_tags/pcluster-project-budget-tags.tsv")).atPriority(0)
                    .willReturn(aResponse().withTransformers(StatefulBudgets.NAME)));
        }
    }

    public String endpoint() {
        return server.baseUrl();
    }

    public WireMockServer server() {
        return server;
    }

    /** A complete, healthy account: every preflight gate passes. */
    public SimulatedAws healthyAccount() {
        server.resetAll();
        query("GetCallerIdentity", "sts/GetCallerIdentity.xml");
        query("ListAttachedUserPolicies", "iam/ListAttachedUserPolicies.xml");
        query("ListGroupsForUser", "iam/ListGroupsForUser.xml");
        query("ListPolicies", "iam/ListPolicies.xml");
        query("DescribeKeyPairs", "ec2/DescribeKeyPairs.xml");
        query("DescribeSubnets", "ec2/DescribeSubnets.xml");
        query("DescribeInstanceTypeOfferings", "ec2/DescribeInstanceTypeOfferings.xml");
        query("DescribeSpotPriceHistory", "ec2/DescribeSpotPriceHistory.xml");
        query("DescribeSecurityGroups", "ec2/DescribeSecurityGroups.xml");
        query("DescribeInstanceTypes", "ec2/DescribeInstanceTypes.xml");
        query("DescribeAvailabilityZones", "ec2/DescribeAvailabilityZones.xml");
        query("GetSpotPlacementScores", "ec2/GetSpotPlacementScores.xml");
        quota(null, 1000.0);
        budgets();
        s3Object("/lab-omics-analysis-us-west-2/data/budget_tags/pcluster-project-budget-tags.tsv");
        server.stubFor(get(urlPathEqualTo("/")).willReturn(xml("s3/ListBuckets.xml")));
        server.stubFor(get(urlPathEqualTo("/lab-omics-analysis-us-west-2")).withQueryParam("location", com.github.tomakehurst.wiremock.client.WireMock.absent().or(com.github.tomakehurst.wiremock.client.WireMock.matching(".*")))
                .willReturn(xml("s3/GetBucketLocation-us-west-2.xml")));
        server.stubFor(get(urlPathEqualTo("/lab-omics-analysis-us-east-1")).withQueryParam("location", com.github.tomakehurst.wiremock.client.WireMock.absent().or(com.github.tomakehurst.wiremock.client.WireMock.matching(".*")))
                .willReturn(xml("s3/GetBucketLocation-us-east-1.xml")));
        return this;
    }

    /** The reference bundle's objects under {@code /<bucket>/data/reference/} (the verifier stand-in reads them). */
    public SimulatedAws referenceBundle(String bucket) {
        var ok = aResponse().withStatus(200).withHeader("Content-Type", "application/octet-stream").withBody("reference");
        server.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/" + bucket + "/data/reference/.*"))
                .willReturn(latencyMs > 0 ? ok.withFixedDelay(latencyMs) : ok));
        return this;
    }

    /** Requests sent by {@code curl} (the verifier stand-in), not by daylily-ec. */
    public int curlRequestCount() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl())
                .withHeader("User-Agent", com.github.tomakehurst.wiremock.client.WireMock.matching("curl/.*"))).size();
    }

    /** Budgets (JSON protocol): no budget exists until created; creating and alerting succeed. */
    public SimulatedAws budgets() {
        String target = "X-Amz-Target";
        var missing = aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(text("budgets/DescribeBudget-missing.json"));
        server.stubFor(post(anyUrl()).withHeader(target, equalTo("AWSBudgetServiceGateway.DescribeBudget"))
                .inScenario("budgets").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(latencyMs > 0 ? missing.withFixedDelay(latencyMs) : missing));
        var ok = aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody("{}");
        server.stubFor(post(anyUrl()).withHeader(target, equalTo("AWSBudgetServiceGateway.CreateBudget"))
                .willReturn(latencyMs > 0 ? ok.withFixedDelay(latencyMs) : ok));
        server.stubFor(post(anyUrl()).withHeader(target, equalTo("AWSBudgetServiceGateway.CreateNotification"))
                .willReturn(latencyMs > 0 ? ok.withFixedDelay(latencyMs) : ok));
        return this;
    }

    /** A budget deleted outside daylily-ec: DescribeBudget says NotFound for it. */
    public SimulatedAws budgetGone(String name) {
        server.stubFor(post(anyUrl()).withHeader("X-Amz-Target", equalTo("AWSBudgetServiceGateway.DescribeBudget"))
                .withRequestBody(matchingJsonPath("$.BudgetName", equalTo(name))).atPriority(0)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(text("budgets/DescribeBudget-missing.json"))));
        return this;
    }

    /** Budgets that already exist (a second run). */
    public SimulatedAws budgetsExist() {
        var found = aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"Budget\": {\"BudgetName\": \"existing\", \"BudgetType\": \"COST\", \"TimeUnit\": \"MONTHLY\"}}");
        server.stubFor(post(anyUrl()).withHeader("X-Amz-Target", equalTo("AWSBudgetServiceGateway.DescribeBudget"))
                .atPriority(1).willReturn(found));
        String notifications = "{\"Notifications\": [" + String.join(", ", java.util.List.of(25, 50, 75, 99).stream().map(t ->
                "{\"NotificationType\": \"ACTUAL\", \"ComparisonOperator\": \"GREATER_THAN\", \"Threshold\": " + t
                        + ".0, \"ThresholdType\": \"PERCENTAGE\"}").toList()) + "]}";
        server.stubFor(post(anyUrl()).withHeader("X-Amz-Target", equalTo("AWSBudgetServiceGateway.DescribeNotificationsForBudget"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(notifications)));
        server.stubFor(post(anyUrl()).withHeader("X-Amz-Target", equalTo("AWSBudgetServiceGateway.DescribeSubscribersForNotification"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"Subscribers\": [{\"SubscriptionType\": \"EMAIL\", \"Address\": \"ops@example.com\"}]}")));
        // and their rows in the budget-tags file
        server.stubFor(get(urlPathEqualTo("/lab-omics-analysis-us-west-2/data/budget_tags/pcluster-project-budget-tags.tsv"))
                .atPriority(1).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/tab-separated-values")
                        .withBody("daylily-global\tubuntu\nda-us-west-2b-lab-cluster\tubuntu\n")));
        return this;
    }

    /** An S3 object that does not exist yet and can be written. */
    public SimulatedAws s3Object(String path) {
        server.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/xml")
                .withBody("<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>")));
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.put(urlPathEqualTo(path))
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"etag\"")));
        return this;
    }

    /** Heartbeat resources and FSx for a delete: schedule and topic deletions succeed; the legacy Lambda is gone; no FSx. */
    public SimulatedAws teardown() {
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathEqualTo("/schedules/daylily-lab-cluster-heartbeat"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")));
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathEqualTo("/2015-03-31/functions/daylily-lab-cluster-heartbeat"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withHeader("x-amzn-ErrorType", "ResourceNotFoundException")
                        .withBody("{\"Type\": \"User\", \"Message\": \"Function not found: daylily-lab-cluster-heartbeat\"}")));
        server.stubFor(post(anyUrl()).withRequestBody(containing("Action=DeleteTopic&")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/xml").withBody("<DeleteTopicResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                        + "<ResponseMetadata><RequestId>sns-1</RequestId></ResponseMetadata></DeleteTopicResponse>")));
        server.stubFor(post(anyUrl()).withHeader("X-Amz-Target", equalTo("AWSSimbaAPIService_v20180301.DescribeFileSystems"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody("{\"FileSystems\": []}")));
        return this;
    }

    /** Any response (fault injection): a stub for the query action or JSON target, at top priority. */
    public SimulatedAws respond(String actionOrTarget, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        MappingBuilder m = actionOrTarget.contains(".")
                ? post(anyUrl()).withHeader("X-Amz-Target", equalTo(actionOrTarget))
                : post(anyUrl()).withRequestBody(containing("Action=" + actionOrTarget + "&"));
        server.stubFor(m.atPriority(0).willReturn(response));
        return this;
    }

    /** The first call fails with {@code first}; later calls get the normal answer (scenario per action). */
    public SimulatedAws failOnce(String action, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder first) {
        server.stubFor(post(anyUrl()).withRequestBody(containing("Action=" + action + "&")).atPriority(0)
                .inScenario("once-" + action).whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(first).willSetStateTo("done"));
        return this;
    }

    /** Overrides one query-protocol operation with another fixture file. */
    public SimulatedAws query(String action, String fixture) {
        server.stubFor(post(anyUrl()).withRequestBody(containing("Action=" + action + "&"))
                .willReturn(xml(fixture)).atPriority(5));
        return this;
    }

    /** What EC2 answers a caller not allowed the operation (403, {@code UnauthorizedOperation}, EC2's query-protocol error). */
    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ec2Denied() {
        return aResponse().withStatus(403).withHeader("Content-Type", "text/xml").withBody("<Response><Errors><Error><Code>"
                + "UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error>"
                + "</Errors><RequestID>r-denied</RequestID></Response>");
    }

    /** Answers a query-protocol operation whose request body also holds {@code part} (a parameter) with another fixture. */
    public SimulatedAws queryWhen(String action, String part, String fixture) {
        server.stubFor(post(anyUrl()).withRequestBody(containing("Action=" + action + "&")).withRequestBody(containing(part))
                .willReturn(xml(fixture)).atPriority(3));
        return this;
    }

    /**
     * An AZ with no daylily network: DescribeSubnets is empty until CreateStack has run and the
     * stack has been seen CREATE_IN_PROGRESS once; then the stack is CREATE_COMPLETE and the
     * subnets exist (the WireMock scenario "network").
     */
    public SimulatedAws freshNetwork() {
        scenario(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED, "DescribeSubnets", null, 200, "ec2/DescribeSubnets-empty.xml");
        scenario(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED, "DescribeStacks", null, 400, "cloudformation/DescribeStacks-missing.xml");
        scenario(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED, "CreateStack", "creating", 200, "cloudformation/CreateStack.xml");
        scenario("creating", "DescribeStackEvents", null, 200, "cloudformation/DescribeStackEvents.xml");
        scenario("creating", "DescribeStacks", "created", 200, "cloudformation/DescribeStacks-CREATE_IN_PROGRESS.xml");
        scenario("created", "DescribeStackEvents", null, 200, "cloudformation/DescribeStackEvents.xml");
        scenario("created", "DescribeStacks", null, 200, "cloudformation/DescribeStacks-CREATE_COMPLETE.xml");
        scenario("created", "DescribeSubnets", null, 200, "ec2/DescribeSubnets.xml");
        return this;
    }

    private void scenario(String state, String action, String next, int status, String fixture) {
        var r = aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(text(fixture));
        var m = post(anyUrl()).inScenario("network").whenScenarioStateIs(state)
                .withRequestBody(containing("Action=" + action + "&")).atPriority(2)
                .willReturn(latencyMs > 0 ? r.withFixedDelay(latencyMs) : r);
        server.stubFor(next == null ? m : m.willSetStateTo(next));
    }

    /** Replaces the S3 bucket listing with another fixture. */
    public SimulatedAws buckets(String fixture) {
        server.stubFor(get(urlPathEqualTo("/")).willReturn(xml(fixture)).atPriority(1));
        return this;
    }

    /** A quota value: for one quota code, or (code null) for all. */
    public SimulatedAws quota(String code, double value) {
        MappingBuilder m = post(anyUrl()).withHeader("X-Amz-Target", equalTo("ServiceQuotasV20190624.GetServiceQuota"));
        if (code != null) {
            m = m.withRequestBody(matchingJsonPath("$.QuotaCode", equalTo(code))).atPriority(1);
        } else {
            m = m.atPriority(6);
        }
        String body = text("servicequotas/GetServiceQuota.json").replace("1000.0", Double.toString(value))
                .replace("L-1216C47A", code == null ? "L-1216C47A" : code);
        var r = aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
        server.stubFor(m.willReturn(latencyMs > 0 ? r.withFixedDelay(latencyMs) : r));
        return this;
    }

    private com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(String fixture) {
        var r = aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(text(fixture));
        return latencyMs > 0 ? r.withFixedDelay(latencyMs) : r;
    }

    static String text(String fixture) {
        try (InputStream in = SimulatedAws.class.getClassLoader().getResourceAsStream("aws/" + fixture)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture aws/" + fixture);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every request received, as an operation name: query Action, JSON target, or S3 method + path. */
    public List<String> operations() {
        List<String> out = new ArrayList<>();
        for (LoggedRequest r : server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()))) {
            out.add(operation(r));
        }
        return out;
    }

    static String operation(LoggedRequest r) {
        String target = r.getHeader("X-Amz-Target");
        if (target != null && !target.isEmpty()) {
            return target.substring(target.indexOf('.') + 1);
        }
        String body = r.getBodyAsString();
        Matcher m = ACTION.matcher(body == null ? "" : body);
        if (m.find()) {
            return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        }
        String method = r.getMethod().getName();
        String url = r.getUrl();
        if (method.equals("GET") && url.contains("location")) {
            return "GetBucketLocation";
        }
        if (method.equals("DELETE") && url.startsWith("/schedules/")) {
            return "DeleteSchedule";
        }
        if (method.equals("DELETE") && url.startsWith("/2015-03-31/functions/")) {
            return "DeleteFunction";
        }
        if (method.equals("PUT") && url.contains("budget_tags")) {
            return "S3:PUT " + url;
        }
        if (method.equals("GET") && (url.equals("/") || url.startsWith("/?"))) {
            return "ListBuckets";
        }
        return "S3:" + method + " " + url;
    }

    /** Every request's operation in the order received (WireMock's journal, oldest first by the time it was logged). */
    public List<String> operationsInOrder() {
        List<LoggedRequest> all = new ArrayList<>(server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl())));
        all.sort(java.util.Comparator.comparing(LoggedRequest::getLoggedDate));
        return all.stream().map(SimulatedAws::operation).toList();
    }

    /** Whether {@code op} changes something (anything that is not a read verb). */
    public static boolean mutates(String op) {
        if (op.startsWith("S3:")) {
            String method = op.substring(3, op.indexOf(' '));
            return !(method.equals("GET") || method.equals("HEAD"));
        }
        return READ_VERBS.stream().noneMatch(op::startsWith);
    }

    /** Operations that change something (anything that is not a read verb). */
    public List<String> mutatingOperations() {
        return operations().stream().filter(SimulatedAws::mutates).toList();
    }

    private static final Pattern NAMED = Pattern.compile("(?:^|&)(StackName|PolicyName|RoleName|Name|TopicArn)=([^&]*)");
    private static final Pattern BUDGET = Pattern.compile("\"(BudgetName|Name)\"\\s*:\\s*\"([^\"]+)\"");

    /**
     * Each request that changes something, oldest first, as {@code "<operation> <the resource it names>"}: the
     * stack, policy, role, topic or schedule name of a query/JSON request, the budget's name, or an S3 object's path.
     */
    public List<String> writes() {
        List<LoggedRequest> all = new ArrayList<>(server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl())));
        all.sort(java.util.Comparator.comparing(LoggedRequest::getLoggedDate));
        List<String> out = new ArrayList<>();
        for (LoggedRequest r : all) {
            String op = operation(r);
            if (!mutates(op)) {
                continue;
            }
            String body = r.getBodyAsString() == null ? "" : r.getBodyAsString();
            Matcher q = NAMED.matcher(body);
            Matcher j = BUDGET.matcher(body);
            String url = r.getUrl();
            String name = op.startsWith("S3:") ? "" : q.find() ? URLDecoder.decode(q.group(2), StandardCharsets.UTF_8)
                    : j.find() ? j.group(2) : url.startsWith("/schedules/") ? url.substring("/schedules/".length()) : url;
            out.add(op.startsWith("S3:") ? op : op + " " + name);
        }
        return out;
    }

    /** Requests sent more than once with the same method, URL and body ("no AWS call repeated within a run"). */
    public List<String> repeatedRequests() {
        java.util.Map<String, Integer> seen = new java.util.TreeMap<>();
        for (LoggedRequest r : server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()))) {
            seen.merge(r.getMethod().getName() + " " + r.getUrl() + " " + r.getBodyAsString(), 1, Integer::sum);
        }
        return seen.entrySet().stream().filter(e -> e.getValue() > 1).map(e -> e.getValue() + "× " + e.getKey()).toList();
    }

    public int requestCount() {
        return operations().size();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** For reports: the count of each operation, sorted. */
    public String summary() {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        operations().forEach(o -> counts.merge(o, 1, Integer::sum));
        return counts.toString();
    }
}
