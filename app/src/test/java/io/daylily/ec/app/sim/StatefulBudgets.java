package io.daylily.ec.app.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.daylily.ec.api.Json;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An account that remembers (a WireMock response transformer): the Budgets JSON protocol's budgets,
 * alerts and subscribers, and the budget-tags file in S3, as they are created — so a rerun sees what an
 * earlier run left. {@link #denyWrite} makes one write (counted from 0 over the run of the account)
 * answer AccessDenied, to interrupt a run at that point.
 */
public final class StatefulBudgets implements ResponseTransformerV2 {
    public static final String NAME = "stateful-budgets";

    private final Map<String, Map<Double, Set<String>>> budgets = new LinkedHashMap<>();
    private String tags;
    private final AtomicInteger writes = new AtomicInteger();
    private volatile int denyAt = -1;

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    /** The write at {@code index} (0-based, counted over everything this account received) is denied, once. */
    public synchronized void denyWrite(int index) {
        denyAt = index;
    }

    public synchronized int writes() {
        return writes.get();
    }

    /** The budgets, their alerts and subscribers, and the tags file: equal for two accounts that ended alike. */
    public synchronized String snapshot() {
        return budgets + " | " + tags;
    }

    @Override
    public synchronized Response transform(Response response, ServeEvent event) {
        Request r = event.getRequest();
        String target = r.getHeader("X-Amz-Target");
        try {
            if (r.getUrl().contains("budget_tags")) {
                if (r.getMethod().getName().equals("GET")) {
                    return tags == null ? xml(404, "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>")
                            : Response.Builder.like(response).but().status(200).body(tags)
                                    .headers(new HttpHeaders(new HttpHeader("Content-Type", "text/tab-separated-values"))).build();
                }
                if (denied()) {
                    return xml(403, "<Error><Code>AccessDenied</Code><Message>denied by the test</Message></Error>");
                }
                tags = r.getBodyAsString();
                return Response.Builder.like(response).but().status(200).headers(new HttpHeaders(new HttpHeader("ETag", "\"e\""))).body("").build();
            }
            String op = target.substring(target.indexOf('.') + 1);
            JsonNode in = Json.mapper().readTree(r.getBodyAsString());
            String name = in.path("BudgetName").asText(in.path("Budget").path("BudgetName").asText());
            switch (op) {
                case "DescribeBudget":
                    return budgets.containsKey(name) ? json(200, "{\"Budget\": {\"BudgetName\": \"" + name
                            + "\", \"BudgetType\": \"COST\", \"TimeUnit\": \"MONTHLY\"}}") : notFound(name);
                case "DescribeNotificationsForBudget": {
                    if (!budgets.containsKey(name)) {
                        return notFound(name);
                    }
                    ObjectNode out = Json.mapper().createObjectNode();
                    ArrayNode list = out.putArray("Notifications");
                    budgets.get(name).keySet().forEach(t -> list.add(notification(t)));
                    return json(200, Json.mapper().writeValueAsString(out));
                }
                case "DescribeSubscribersForNotification": {
                    Set<String> subs = budgets.getOrDefault(name, Map.of()).get(in.path("Notification").path("Threshold").asDouble());
                    if (subs == null) {
                        return notFound(name);
                    }
                    ObjectNode out = Json.mapper().createObjectNode();
                    ArrayNode list = out.putArray("Subscribers");
                    subs.forEach(a -> list.addObject().put("SubscriptionType", "EMAIL").put("Address", a));
                    return json(200, Json.mapper().writeValueAsString(out));
                }
                case "CreateBudget":
                    if (denied()) {
                        return deniedJson();
                    }
                    budgets.putIfAbsent(name, new TreeMap<>());
                    return json(200, "{}");
                case "CreateNotification": {
                    if (denied()) {
                        return deniedJson();
                    }
                    Set<String> subs = new LinkedHashSet<>();
                    in.path("Subscribers").forEach(x -> subs.add(x.path("Address").asText()));
                    budgets.get(name).put(in.path("Notification").path("Threshold").asDouble(), subs);
                    return json(200, "{}");
                }
                case "CreateSubscriber":
                    if (denied()) {
                        return deniedJson();
                    }
                    budgets.get(name).get(in.path("Notification").path("Threshold").asDouble()).add(in.path("Subscriber").path("Address").asText());
                    return json(200, "{}");
                default:
                    return json(400, "{\"__type\": \"InvalidParameterException\", \"Message\": \"not simulated: " + op + "\"}");
            }
        } catch (java.io.IOException e) {
            return json(400, "{\"__type\": \"InvalidParameterException\", \"Message\": \"bad body\"}");
        }
    }

    private boolean denied() {
        return writes.getAndIncrement() == denyAt;
    }

    private static ObjectNode notification(double t) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("NotificationType", "ACTUAL").put("ComparisonOperator", "GREATER_THAN").put("Threshold", t)
                .put("ThresholdType", "PERCENTAGE");
        return n;
    }

    private static Response notFound(String name) {
        return json(400, "{\"__type\": \"NotFoundException\", \"Message\": \"Unable to get budget: " + name + " - the budget doesn't exist.\"}");
    }

    private static Response deniedJson() {
        return json(400, "{\"__type\": \"AccessDeniedException\", \"Message\": \"denied by the test\"}");
    }

    private static Response json(int status, String body) {
        return Response.response().status(status).headers(new HttpHeaders(new HttpHeader("Content-Type", "application/x-amz-json-1.1")))
                .body(body).build();
    }

    private static Response xml(int status, String body) {
        return Response.response().status(status).headers(new HttpHeaders(new HttpHeader("Content-Type", "application/xml")))
                .body(body).build();
    }
}
