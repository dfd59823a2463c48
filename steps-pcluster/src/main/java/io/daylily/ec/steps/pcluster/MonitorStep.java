package io.daylily.ec.steps.pcluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.daylily.ec.api.AwsOperationException;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.support.Poller;
import io.daylily.ec.support.Settings;
import io.daylily.ec.support.pcluster.PclusterClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code pcluster.monitor} (PARITY §19, DECISIONS #18): polls {@code describe-cluster} every 30 s
 * ({@code DAYLILY_MONITOR_POLL_SECONDS}) until CREATE_COMPLETE — after a create this run sent, every 120 s
 * for the first 10 minutes and not at once (see {@link #intervalAt}, issue #19); prints one line per status change and
 * the elapsed time every five minutes. CREATE_FAILED (or any other final status) is exit 2 listing
 * {@code failures[]} and the delete command; 5 unreadable polls in a row, or the overall timeout
 * ({@code DAYLILY_MONITOR_TIMEOUT_MINUTES}, default 120), are exit 2. The head node's IP and instance
 * id go into the context.
 */
public final class MonitorStep implements Step {
    static final int MAX_UNREADABLE = 5;
    /** CloudFormation's early work (the head node cannot be up before it): polled {@link #EARLY_FACTOR} times less often. */
    static final Duration EARLY = Duration.ofMinutes(10);
    static final int EARLY_FACTOR = 4;

    /**
     * The sleep before the next look after {@code waited}: for a cluster this run has just had accepted,
     * {@code poll} × {@value #EARLY_FACTOR} during the first {@link #EARLY} (each look is a {@code pcluster}
     * process, ~0.7 s of Python start-up; nothing is ready that early), then {@code poll}; for a cluster found
     * already in progress (a rerun), {@code poll} throughout.
     */
    static Duration intervalAt(Duration poll, Duration waited, boolean justAccepted) {
        return justAccepted && waited.compareTo(EARLY) < 0 ? poll.multipliedBy(EARLY_FACTOR) : poll;
    }

    @Override
    public String id() {
        return "pcluster.monitor";
    }

    @Override
    public int order() {
        return Order.PCLUSTER + 40;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE);
    }

    @Override
    public String description() {
        return "wait for CREATE_COMPLETE (describe-cluster polls)";
    }

    static String elapsed(Duration d) {
        long s = d.toSeconds();
        return String.format("%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        String name = ctx.require(ContextKeys.CLUSTER_NAME);
        String region = ctx.require(ContextKeys.REGION);
        Duration poll = Settings.MONITOR_POLL_SECONDS.duration(s.env());
        Duration timeout = Settings.MONITOR_TIMEOUT_MINUTES.duration(s.env());
        PclusterClient cli = PclusterClient.of(ctx, s);
        Instant start = s.clock().now();
        s.prompter().say("Monitoring cluster creation… this usually takes 15-60 minutes.");
        String follow = "pcluster describe-cluster -n " + name + " --region " + region;
        Watch watch = new Watch(start);
        // pcluster create-cluster has just answered CREATE_IN_PROGRESS: say it, and look first after an interval
        boolean accepted = ctx.get(ContextKeys.CLUSTER_CREATE_ACCEPTED).orElse(false)
                && "CREATE_IN_PROGRESS".equals(ctx.get(ContextKeys.CLUSTER_STATUS).orElse(""));
        if (accepted) {
            s.prompter().say("  CREATE_IN_PROGRESS (elapsed " + elapsed(Duration.ZERO) + ")");
            watch.last = "CREATE_IN_PROGRESS";
        }
        try {
            return new Poller(s.clock(), waited -> intervalAt(poll, waited, accepted), timeout, MAX_UNREADABLE, accepted).await(() -> look(ctx, s, cli, name, region, watch),
                    new Poller.Ending() {
                        @Override
                        public RuntimeException timedOut(String lastStatus, Duration waited) {
                            return new AwsOperationException("cluster " + name + " still " + (lastStatus == null ? "unknown"
                                    : lastStatus) + " after " + timeout.toMinutes() + " minutes; follow it with: " + follow);
                        }

                        @Override
                        public RuntimeException unreadable(String lastProblem, int times) {
                            return new AwsOperationException("could not read the status of cluster " + name + " " + times
                                    + " times in a row (last: " + lastProblem + "); check it with: " + follow);
                        }

                        @Override
                        public RuntimeException interrupted() {
                            return new AwsOperationException("interrupted while waiting for cluster " + name
                                    + "; it keeps being created: " + follow);
                        }
                    });
        } finally {
            s.prompter().progressDone();
        }
    }

    /** What the monitor remembers between looks: when it started, the last status and when it last said it. */
    private static final class Watch {
        final Instant start;
        Instant lastNote;
        String last;
        int polls;

        Watch(Instant start) {
            this.start = start;
            this.lastNote = start;
        }
    }

    private Poller.Look<RunContext> look(RunContext ctx, StepServices s, PclusterClient cli, String name, String region,
                                         Watch w) {
        PclusterClient.Result r = cli.describe(name, region);
        w.polls++;
        String status = PclusterClient.status(r);
        Duration took = Duration.between(w.start, s.clock().now());
        s.prompter().progress("cluster " + name + ": " + (status == null ? "status unknown" : status));
        if (status == null) {
            return Poller.unreadable(r.said());
        }
        if (!status.equals(w.last)) {
            s.prompter().say("  " + status + " (elapsed " + elapsed(took) + ")");
            w.last = status;
            w.lastNote = s.clock().now();
        } else if (Duration.between(w.lastNote, s.clock().now()).compareTo(Duration.ofMinutes(5)) >= 0) {
            s.prompter().say("  still " + status + " (elapsed " + elapsed(took) + ")");
            w.lastNote = s.clock().now();
        }
        if (status.equals("CREATE_COMPLETE")) {
            return Poller.done(complete(ctx, s, r.json(), took, w.polls));
        }
        if (!status.equals("CREATE_IN_PROGRESS")) {
            throw new AwsOperationException("cluster " + name + " ended " + status + failures(r.json())
                    + "; delete it before reusing the name: pcluster delete-cluster -n " + name + " --region " + region);
        }
        return Poller.pending(status);
    }

    static String failures(JsonNode describe) {
        List<String> out = new ArrayList<>();
        describe.path("failures").forEach(f -> out.add(f.path("failureCode").asText("") + ": " + f.path("failureReason").asText("")));
        return out.isEmpty() ? "" : " (" + String.join("; ", out) + ")";
    }

    private RunContext complete(RunContext ctx, StepServices s, JsonNode describe, Duration took, int polls) {
        JsonNode head = describe.path("headNode");
        String ip = head.path("publicIpAddress").asText("");
        String id = head.path("instanceId").asText("");
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("cluster_status", "CREATE_COMPLETE");
        d.put("elapsed", elapsed(took));
        d.put("polls", polls);
        d.put("head_node_ip", ip);
        d.put("head_node_instance_id", id);
        s.events().check(CheckResult.pass(id(), d));
        RunContext out = ctx.with(ContextKeys.CLUSTER_STATUS, "CREATE_COMPLETE");
        if (!ip.isEmpty()) {
            out = out.with(ContextKeys.HEAD_NODE_IP, ip);
        }
        return id.isEmpty() ? out : out.with(ContextKeys.HEAD_NODE_INSTANCE_ID, id);
    }
}
