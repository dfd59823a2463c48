package io.daylily.ec.steps.infra;

import io.daylily.ec.api.AwsOperationException;
import io.daylily.ec.api.Clock;
import io.daylily.ec.api.Prompter;
import io.daylily.ec.support.AwsErrors;
import io.daylily.ec.support.Poller;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.CreateStackRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksRequest;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.Tag;
import software.amazon.awssdk.services.cloudformation.model.UpdateStackRequest;

/**
 * Creates the baseline network stack (or reuses or, when asked, updates an existing one) and waits
 * for it, streaming stack events as they arrive (PARITY §10.2, DECISIONS #9). An update with nothing
 * to change is success. A failed stack is
 * {@link AwsOperationException} (exit 2) naming the failed resource and its reason.
 */
final class NetworkStack {
    static final Set<String> COMPLETE = Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE");
    static final Set<String> IN_PROGRESS = Set.of("CREATE_IN_PROGRESS", "UPDATE_IN_PROGRESS",
            "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "REVIEW_IN_PROGRESS");

    static final String CREATE_POLICY = "CreatePolicy";

    /** What the ensure did (created, waited, reused, up_to_date, updated) and the stack's outputs. */
    record Result(String action, String status, Map<String, String> outputs) {
    }

    private final CloudFormationClient cfn;
    private final Clock clock;
    private final Prompter ui;
    private final Duration poll;
    private final Duration timeout;
    private final String region;
    /** The CreatePolicy value the last create or update sent ("" when none was sent). */
    private String sentCreatePolicy = "";

    NetworkStack(CloudFormationClient cfn, Clock clock, Prompter ui, Duration poll, Duration timeout, String region) {
        this.cfn = cfn;
        this.clock = clock;
        this.ui = ui;
        this.poll = poll;
        this.timeout = timeout;
        this.region = region;
    }

    static List<Parameter> parameters(String az, boolean createPolicy) {
        Map<String, String> p = new TreeMap<>();
        p.put("EnvironmentName", io.daylily.ec.api.BaselineStack.prefix(az));
        p.put("VpcCIDR", "10.0.0.0/16");
        p.put("PublicSubnetCIDR", "10.0.0.0/24");
        p.put("PrivateSubnetCIDR", "10.0.1.0/24");
        p.put("AvailabilityZone", az);
        p.put(CREATE_POLICY, createPolicy ? "true" : "false");
        List<Parameter> out = new ArrayList<>();
        p.forEach((k, v) -> out.add(Parameter.builder().parameterKey(k).parameterValue(v).build()));
        return out;
    }

    Optional<Stack> describe(String name) {
        try {
            List<Stack> stacks = cfn.describeStacks(DescribeStacksRequest.builder().stackName(name).build()).stacks();
            return stacks.isEmpty() ? Optional.empty() : Optional.of(stacks.get(0));
        } catch (AwsServiceException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not exist")) {
                return Optional.empty();
            }
            throw fail("DescribeStacks", name, e);
        }
    }

    /**
     * Creates the stack when it does not exist, waits for one in progress, and otherwise takes a COMPLETE
     * stack's outputs as they are ({@code update} false: the upstream reuse, PARITY §10.1) or updates it from
     * {@code templateBody} ({@code update} true). An update keeps {@code CreatePolicy=true} on a stack that
     * was created with it: passing {@code false} would make CloudFormation delete the policy the stack owns.
     */
    Result ensure(String name, String templateBody, List<Parameter> params, boolean update) {
        return ensure(name, describe(name), templateBody, params, update);
    }

    /** {@link #ensure(String, String, List, boolean)} with the stack as the caller has just read it. */
    Result ensure(String name, Optional<Stack> existing, String templateBody, List<Parameter> params, boolean update) {
        Set<String> seen = new HashSet<>();
        if (existing.isEmpty()) {
            ui.say("Creating stack " + name + " in " + region + " …");
            sentCreatePolicy = createPolicy(params);
            try {
                cfn.createStack(CreateStackRequest.builder().stackName(name).templateBody(templateBody).parameters(params)
                        .capabilities(Capability.CAPABILITY_NAMED_IAM)
                        .tags(Tag.builder().key("daylily-ec").value("baseline-network").build()).build());
            } catch (AwsServiceException e) {
                throw fail("CreateStack", name, e);
            }
            return waitFor(name, "created", seen);
        }
        String status = existing.get().stackStatusAsString();
        if (IN_PROGRESS.contains(status)) {
            ui.say("Stack " + name + " is " + status + "; waiting …");
            return waitFor(name, "waited", seen);
        }
        if (!COMPLETE.contains(status)) {
            throw new AwsOperationException(notReusable(name, region, status));
        }
        if (!update) {
            return new Result("reused", status, outputs(existing.get()));
        }
        // Record which events already exist so only new ones are shown.
        events(name).forEach(e -> seen.add(e.eventId()));
        List<Parameter> kept = keepOwnedPolicy(params, existing.get());
        sentCreatePolicy = createPolicy(kept);
        try {
            cfn.updateStack(UpdateStackRequest.builder().stackName(name).templateBody(templateBody)
                    .parameters(kept)
                    .capabilities(Capability.CAPABILITY_NAMED_IAM).build());
        } catch (AwsServiceException e) {
            if (e.getMessage() != null && e.getMessage().contains("No updates are to be performed")) {
                return new Result("up_to_date", status, outputs(existing.get()));
            }
            throw fail("UpdateStack", name, e);
        }
        ui.say("Updating stack " + name + " …");
        return waitFor(name, "updated", seen);
    }

    /** The CreatePolicy value the last create or update sent: "true", "false", or "" when none was sent. */
    String sentCreatePolicy() {
        return sentCreatePolicy;
    }

    private static String createPolicy(List<Parameter> params) {
        return params.stream().filter(p -> CREATE_POLICY.equals(p.parameterKey())).map(Parameter::parameterValue)
                .findFirst().orElse("");
    }

    /** {@code params} with CreatePolicy {@code true} when the stack was created with it (it owns the policy). */
    static List<Parameter> keepOwnedPolicy(List<Parameter> params, Stack existing) {
        boolean owns = existing.parameters().stream()
                .anyMatch(p -> CREATE_POLICY.equals(p.parameterKey()) && "true".equals(p.parameterValue()));
        if (!owns) {
            return params;
        }
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : params) {
            out.add(CREATE_POLICY.equals(p.parameterKey()) ? p.toBuilder().parameterValue("true").build() : p);
        }
        return out;
    }

    private Result waitFor(String name, String action, Set<String> seen) {
        try {
            return waitLoop(name, action, seen);
        } finally {
            ui.progressDone();
        }
    }

    private Result waitLoop(String name, String action, Set<String> seen) {
        return new Poller(clock, poll, timeout, 1).await(() -> {
            for (StackEvent e : reversed(events(name))) {
                if (seen.add(e.eventId())) {
                    ui.say("  " + e.logicalResourceId() + " " + e.resourceStatusAsString()
                            + (e.resourceStatusReason() == null ? "" : " — " + e.resourceStatusReason()));
                }
            }
            Stack s = describe(name).orElseThrow(() -> new AwsOperationException("stack " + name + " disappeared while waiting"));
            String status = s.stackStatusAsString();
            ui.progress("stack " + name + ": " + status);
            if (status.equals("CREATE_COMPLETE") || status.equals("UPDATE_COMPLETE")) {
                return Poller.done(new Result(action, status, outputs(s)));
            }
            if (!IN_PROGRESS.contains(status)) {
                throw new AwsOperationException("stack " + name + " in " + region + " ended " + status + failedReason(name)
                        + "; fix the cause, delete the stack if it rolled back, and run again");
            }
            return Poller.pending(status);
        }, new Poller.Ending() {
            @Override
            public RuntimeException timedOut(String lastStatus, Duration waited) {
                return new AwsOperationException("stack " + name + " still " + lastStatus + " after " + timeout.toMinutes()
                        + " minutes; check it in the CloudFormation console");
            }

            @Override
            public RuntimeException unreadable(String lastProblem, int times) {
                return new AwsOperationException("cannot read stack " + name + ": " + lastProblem); // describe throws instead
            }

            @Override
            public RuntimeException interrupted() {
                return new AwsOperationException("interrupted while waiting for stack " + name);
            }
        });
    }

    private String failedReason(String name) {
        for (StackEvent e : reversed(events(name))) {
            String st = e.resourceStatusAsString();
            if (st != null && st.endsWith("FAILED") && e.resourceStatusReason() != null
                    && !e.logicalResourceId().equals(name)) {
                return ": " + e.logicalResourceId() + " " + st + " — " + e.resourceStatusReason();
            }
        }
        return "";
    }

    private List<StackEvent> events(String name) {
        try {
            return cfn.describeStackEvents(DescribeStackEventsRequest.builder().stackName(name).build()).stackEvents();
        } catch (AwsServiceException e) {
            return List.of();
        }
    }

    private static List<StackEvent> reversed(List<StackEvent> newestFirst) {
        List<StackEvent> out = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(out);
        return out;
    }

    static Map<String, String> outputs(Stack s) {
        Map<String, String> out = new TreeMap<>();
        for (Output o : s.outputs()) {
            out.put(o.outputKey(), o.outputValue());
        }
        return out;
    }

    private AwsOperationException fail(String op, String name, AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        String hint = code != null && code.contains("AccessDenied")
                ? " (grant cloudformation:" + op + " and the EC2/IAM permissions the template needs)" : "";
        return new AwsOperationException(op + " for stack " + name + " failed: "
                + AwsErrors.text(e) + hint, e);
    }

    /** What a create (and a plan) says of a stack it cannot reuse: its status, and the command that clears it. */
    static String notReusable(String name, String region, String status) {
        return "stack " + name + " in " + region + " is " + status + "; it cannot be reused. Delete it (aws cloudformation"
                + " delete-stack --stack-name " + name + " --region " + region + ") and run again";
    }
}
