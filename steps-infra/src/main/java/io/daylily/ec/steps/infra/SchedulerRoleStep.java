package io.daylily.ec.steps.infra;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.ResourceStep;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.facts.HeartbeatSettings;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.plan.PlannedChange;
import io.daylily.ec.api.plan.PlannedChange.Action;
import io.daylily.ec.support.AwsErrors;
import io.daylily.ec.support.config.ConfigKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * {@code infra.scheduler_role} (PARITY §21.2, DECISIONS #16): the role EventBridge Scheduler uses to
 * publish the heartbeat, resolved before the cluster is created: the configured ARN, then the four
 * environment variables in order, then the roles {@code eventbridge-scheduler-to-sns} and
 * {@code daylily-eventbridge-scheduler}, then created ({@code eventbridge-scheduler-to-sns}, trust
 * {@code scheduler.amazonaws.com}, inline {@code sns:Publish} on the heartbeat topics). Skipped when
 * the heartbeat is off. A role that cannot be had is a warning: the heartbeat is then skipped.
 */
public final class SchedulerRoleStep implements ResourceStep<SchedulerRoleStep.Decision> {
    static final List<String> ENV_VARS = List.of("DAY_HEARTBEAT_SCHEDULER_ROLE_ARN", "DAYLILY_HEARTBEAT_SCHEDULER_ROLE_ARN",
            "DAY_HEARTBEAT_ROLE_ARN", "DAYLILY_SCHEDULER_ROLE_ARN");
    static final List<String> ROLE_NAMES = List.of("eventbridge-scheduler-to-sns", "daylily-eventbridge-scheduler");
    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"scheduler.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    @Override
    public String id() {
        return "infra.scheduler_role";
    }

    @Override
    public int order() {
        return Order.INFRA + 20;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE);
    }

    @Override
    public String description() {
        return "resolve or create the EventBridge Scheduler role for the heartbeat";
    }

    static String inlinePolicy(String region, String account) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sns:Publish\","
                + "\"Resource\":\"arn:aws:sns:" + region + ":" + account + ":daylily-*-heartbeat\"}]}";
    }

    /** The ARN and where it came from ({@code preconfigured}, {@code env:VAR}, {@code existing_role:NAME}, {@code created}). */
    record Resolved(String arn, String source) {
    }

    static Optional<Resolved> fromConfigOrEnv(HeartbeatSettings hb, Map<String, String> env) {
        String configured = hb.schedulerRoleArn();
        if (!configured.isEmpty()) {
            return Optional.of(new Resolved(configured, "preconfigured"));
        }
        for (String var : ENV_VARS) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                return Optional.of(new Resolved(v.strip(), "env:" + var));
            }
        }
        return Optional.empty();
    }

    /**
     * What the create does with the role: {@code SKIP} (heartbeat off, or the role could not be read: {@code reason}),
     * {@code REUSE} (configured, from the environment, or an existing complete role: {@code given}), {@code UPDATE}
     * (the role this step makes exists without its inline policy: {@code found}), {@code CREATE}.
     */
    record Decision(Action action, Optional<Resolved> given, Optional<Found> found, String reason, String arnIfCreated) {
    }

    @Override
    public Decision inspect(RunContext ctx, StepServices s) {
        HeartbeatSettings hb = ctx.require(ContextKeys.HEARTBEAT);
        String created = "arn:aws:iam::" + ctx.require(ContextKeys.ACCOUNT_ID) + ":role/" + ROLE_NAMES.get(0);
        if (!hb.wanted()) {
            return new Decision(Action.SKIP, Optional.empty(), Optional.empty(), "heartbeat off", created);
        }
        Optional<Resolved> given = fromConfigOrEnv(hb, s.env());
        if (given.isPresent()) {
            return new Decision(Action.REUSE, given, Optional.empty(), "", created);
        }
        try {
            Optional<Found> f = find(s.aws().get(IamClient.class, ctx));
            Action a = f.isEmpty() ? Action.CREATE : f.get().lacksInline() ? Action.UPDATE : Action.REUSE;
            return new Decision(a, f.map(x -> new Resolved(x.arn(), "existing_role:" + x.name())), f, "", created);
        } catch (AwsServiceException e) {
            // the heartbeat is best effort: a role that cannot be read is a warning, and the heartbeat is skipped
            warnSkipped(s, e);
            return new Decision(Action.SKIP, Optional.empty(), Optional.empty(), AwsErrors.text(e), created);
        }
    }

    @Override
    public List<PlannedChange> describe(Decision d) {
        String role = ROLE_NAMES.get(0);
        return List.of(switch (d.action()) {
            case SKIP -> PlannedChange.of("IAM role", role, Action.SKIP).with("reason", d.reason());
            case CREATE -> PlannedChange.of("IAM role", role, Action.CREATE).with("inline_policy", role + "-inline");
            case UPDATE -> PlannedChange.of("IAM role", d.found().orElseThrow().name(), Action.UPDATE)
                    .with("adds", List.of("inline policy " + role + "-inline")).with("arn", d.found().get().arn());
            case REUSE -> d.found().isPresent()
                    ? PlannedChange.of("IAM role", d.found().get().name(), Action.REUSE).with("arn", d.found().get().arn())
                    : PlannedChange.of("IAM role", d.given().orElseThrow().arn(), Action.REUSE).with("source", d.given().get().source());
        });
    }

    /** The role the heartbeat would publish as: the one found or given, the one the create makes, or none when skipped. */
    static String plannedArn(Decision d) {
        return switch (d.action()) {
            case SKIP -> "";
            case CREATE -> d.arnIfCreated();
            default -> d.given().orElseThrow().arn();
        };
    }

    @Override
    public RunContext planned(Decision d, RunContext ctx) {
        HeartbeatSettings hb = ctx.require(ContextKeys.HEARTBEAT);
        return hb.wanted() ? ctx.with(ContextKeys.HEARTBEAT, hb.withRole(plannedArn(d))) : ctx;
    }

    @Override
    public RunContext apply(Decision decision, RunContext ctx, StepServices s) {
        HeartbeatSettings hb = ctx.require(ContextKeys.HEARTBEAT);
        if (decision.action() == Action.SKIP) {
            if (!hb.wanted()) {
                s.events().check(CheckResult.pass(id(), Map.of("action", "skipped", "reason", "heartbeat off")));
                return ctx;
            }
            return withoutRole(ctx, hb);
        }
        Resolved r;
        try {
            r = resolve(decision, s.aws().get(IamClient.class, ctx), ctx.require(ContextKeys.REGION), ctx.require(ContextKeys.ACCOUNT_ID));
        } catch (AwsServiceException e) {
            warnSkipped(s, e);
            return withoutRole(ctx, hb);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("arn", r.arn());
        d.put("source", r.source());
        s.events().check(CheckResult.pass(id(), d));
        RunContext out = ctx.with(ContextKeys.HEARTBEAT, hb.withRole(r.arn()));
        return switch (r.source()) {
            case "created" -> io.daylily.ec.api.AwsChanges.record(out, "IAM role " + ROLE_NAMES.get(0) + " (created)");
            case "completed" -> io.daylily.ec.api.AwsChanges.record(out, "IAM role " + ROLE_NAMES.get(0)
                    + " (completed: its inline policy " + ROLE_NAMES.get(0) + "-inline added)");
            default -> out;
        };
    }

    private void warnSkipped(StepServices s, AwsServiceException e) {
        s.events().warn(id(), "heartbeat will be skipped: cannot resolve or create the scheduler role (" + AwsErrors.text(e)
                + "); set heartbeat_scheduler_role_arn or DAY_HEARTBEAT_SCHEDULER_ROLE_ARN");
    }

    /** The context without a scheduler role: the heartbeat step then skips the heartbeat. */
    private static RunContext withoutRole(RunContext ctx, HeartbeatSettings hb) {
        return ctx.with(ContextKeys.HEARTBEAT, hb.withRole(""));
    }

    static boolean hasInline(IamClient iam, String role) {
        try {
            iam.getRolePolicy(GetRolePolicyRequest.builder().roleName(role).policyName(role + "-inline").build());
            return true;
        } catch (NoSuchEntityException e) {
            return false;
        }
    }

    /** The first of {@link #ROLE_NAMES} that exists, and whether it lacks the inline policy this step gives the role it creates. */
    record Found(String name, String arn, boolean lacksInline) {
    }

    /** Read requests only: the role the heartbeat would use, or empty when none exists yet (the create makes it). */
    static Optional<Found> find(IamClient iam) {
        for (String name : ROLE_NAMES) {
            String arn;
            try {
                arn = iam.getRole(GetRoleRequest.builder().roleName(name).build()).role().arn();
            } catch (NoSuchEntityException e) {
                continue; // try the next name, then create
            }
            return Optional.of(new Found(name, arn, name.equals(ROLE_NAMES.get(0)) && !hasInline(iam, name)));
        }
        return Optional.empty();
    }

    /** Carries out {@code d} (not SKIP): the role as given or found, its inline policy added, or the role created. */
    static Resolved resolve(Decision d, IamClient iam, String region, String account) {
        switch (d.action()) {
            case REUSE:
                return d.given().orElseThrow();
            case UPDATE: {
                // the role this step creates gets its inline policy if a run stopped between the two calls (issue #17)
                Found f = d.found().orElseThrow();
                iam.putRolePolicy(PutRolePolicyRequest.builder().roleName(f.name()).policyName(f.name() + "-inline")
                        .policyDocument(inlinePolicy(region, account)).build());
                return new Resolved(f.arn(), "completed");
            }
            case CREATE: {
                String name = ROLE_NAMES.get(0);
                String arn = iam.createRole(CreateRoleRequest.builder().roleName(name).assumeRolePolicyDocument(TRUST)
                        .description("daylily-ec: EventBridge Scheduler publishes cluster heartbeats to SNS")
                        .tags(Tag.builder().key("Owner").value("Daylily").build(),
                                Tag.builder().key("Purpose").value("SchedulerToSNS").build()).build()).role().arn();
                iam.putRolePolicy(PutRolePolicyRequest.builder().roleName(name).policyName(name + "-inline")
                        .policyDocument(inlinePolicy(region, account)).build());
                return new Resolved(arn, "created");
            }
            default:
                throw new IllegalStateException("nothing to resolve for " + d.action());
        }
    }
}
