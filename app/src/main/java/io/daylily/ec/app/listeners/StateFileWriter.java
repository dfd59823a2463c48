package io.daylily.ec.app.listeners;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.RunListener;
import io.daylily.ec.api.event.ResourceTouched;
import io.daylily.ec.api.event.RunFinished;
import io.daylily.ec.api.event.RunStarted;
import io.daylily.ec.api.event.StepFinished;
import io.daylily.ec.api.event.StepStarted;
import io.daylily.ec.api.event.WarningEvent;
import io.daylily.ec.api.facts.HeartbeatSettings;
import io.daylily.ec.api.facts.KeyPair;
import io.daylily.ec.api.facts.Network;
import io.daylily.ec.api.facts.ReferenceBucket;
import io.daylily.ec.support.config.ConfigKeys;
import io.daylily.ec.support.state.StateDirectory;
import io.daylily.ec.support.state.StateRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@code state_<cluster>_<run id>.json} (PARITY §23 fields plus {@code status},
 * {@code post_create_warnings}) as soon as a step that may touch AWS has run, rewrites it after
 * every such step, and once more at the end — so an interrupted run leaves an accurate record.
 */
public final class StateFileWriter implements RunListener {
    private final Path configDir;
    private final String kind;
    /** Resource names an earlier, interrupted run of this cluster created and this one did not set again. */
    private Map<String, Object> inherited;
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Object> touched = new TreeMap<>();
    private boolean started;
    private Path written;
    private RunContext last;

    @Override
    public synchronized void onRunStarted(RunStarted e) {
        last = e.context();
    }

    @Override
    public synchronized void onResourceTouched(ResourceTouched e) {
        touched.put(e.stateKey(), e.value());
        started = true;
        if (last != null) {
            write(last, "in_progress", null);
        }
    }

    /** A writer of create records. */
    public StateFileWriter(Path configDir) {
        this(configDir, StateRecord.KIND_CREATE);
    }

    /** @param kind {@link StateRecord#KIND_CREATE} or {@link StateRecord#KIND_DELETE}: only those runs write records */
    public StateFileWriter(Path configDir, String kind) {
        this.configDir = configDir;
        this.kind = kind;
    }

    @Override
    public synchronized void onStepStarted(StepStarted e) {
        // a create is recorded from its first step that may change AWS; a delete from the moment it starts
        // deleting (its ResourceTouched), so a delete refused or failed before that leaves no record
        if (e.order() >= Order.INFRA && kind.equals(StateRecord.KIND_CREATE)) {
            started = true;
        }
    }

    @Override
    public synchronized void onWarning(WarningEvent w) {
        warnings.add(w.source() + ": " + w.message());
    }

    @Override
    public synchronized void onStepFinished(StepFinished e) {
        last = e.context();
        if (started) {
            write(e.context(), "in_progress", null);
        }
    }

    @Override
    public synchronized void onRunFinished(RunFinished e) {
        if (started) {
            write(e.context(), e.exitCode().code() == 0 ? "complete" : "failed", e);
        }
    }

    private void write(RunContext ctx, String status, RunFinished end) {
        Map<String, Object> s = record(ctx);
        s.put(StateRecord.KIND, kind);
        if (written == null) {
            firstWrite(ctx);
        }
        touched.forEach((k, v) -> {
            if ("".equals(s.get(k)) || s.get(k) == null) {
                s.put(k, v);
            }
        });
        // what an earlier, interrupted run of this cluster created and this run did not set again
        inherited.forEach((k, v) -> {
            if ("".equals(s.get(k)) || s.get(k) == null) {
                s.put(k, v);
            }
        });
        Path report = configDir.resolve("preflight_" + RunFacts.safeCluster(ctx) + "_" + ctx.runId() + ".json");
        if ("".equals(s.get("preflight_report_path")) && java.nio.file.Files.exists(report)) {
            s.put("preflight_report_path", report.toString());
        }
        s.put("status", status);
        s.put("post_create_warnings", List.copyOf(warnings));
        if (end != null) {
            s.put("exit_code", end.exitCode().code());
            s.put("message", end.message());
        }
        Path target = configDir.resolve("state_" + RunFacts.safeCluster(ctx) + "_" + ctx.runId() + ".json");
        StateRecord.of(s).write(target);
        written = target;
    }

    /**
     * Before this run's first record: earlier {@code in_progress} create records of the cluster (a run killed
     * with SIGKILL) are marked {@code superseded} by this run, and a create inherits the resource names of the
     * latest earlier create of the cluster in its AZ (no complete delete since) that it does not set itself.
     */
    private void firstWrite(RunContext ctx) {
        inherited = new TreeMap<>();
        String cluster = RunFacts.clusterName(ctx);
        if (cluster == null) {
            return;
        }
        List<StateDirectory.Located> earlier = StateDirectory.before(configDir, cluster, ctx.runId());
        for (StateDirectory.Located l : earlier) {
            StateRecord r = l.record();
            if (r.kind().equals(kind) && r.status().equals("in_progress")) {
                try {
                    r.with(StateRecord.STATUS, StateRecord.STATUS_SUPERSEDED).with(StateRecord.SUPERSEDED_BY, ctx.runId())
                            .write(l.path());
                } catch (RuntimeException e) {
                    warnings.add("state: could not mark " + l.path() + " superseded: " + e.getMessage());
                }
            }
        }
        if (kind.equals(StateRecord.KIND_CREATE)) {
            StateDirectory.inheritedFrom(earlier, RunFacts.str(ctx, ContextKeys.REGION_AZ)).ifPresent(r -> {
                for (String f : StateRecord.RESOURCES) {
                    if (!r.text(f).isEmpty()) {
                        inherited.put(f, r.text(f));
                    }
                }
            });
        }
    }

    /** The PARITY §23 fields, from the context (empty strings where the run has not settled them). */
    static Map<String, Object> record(RunContext ctx) {
        Map<String, Object> s = new TreeMap<>(RunFacts.identity(ctx));
        // what the run settled and used (the phase records), not what the config merely proposed
        s.put("bucket", ctx.get(ContextKeys.REFERENCE_BUCKET).map(ReferenceBucket::name).orElse(""));
        s.put("keypair", ctx.get(ContextKeys.KEY_PAIR).map(KeyPair::name).orElse(""));
        s.put("public_subnet_id", ctx.get(ContextKeys.NETWORK).map(Network::publicSubnetId).orElse(""));
        s.put("private_subnet_id", ctx.get(ContextKeys.NETWORK).map(Network::privateSubnetId).orElse(""));
        s.put("policy_arn", ctx.get(ContextKeys.CLUSTER_POLICY).map(io.daylily.ec.api.facts.ClusterPolicy::arn).orElse(""));
        s.put(StateRecord.HEARTBEAT_EMAIL, ctx.get(ContextKeys.HEARTBEAT).map(HeartbeatSettings::email).orElse(""));
        s.put("heartbeat_schedule_expression", ctx.get(ContextKeys.HEARTBEAT).map(HeartbeatSettings::schedule).orElse(""));
        // what this run created or changed in AWS, named as a user would look for it
        s.put("aws_changes", io.daylily.ec.api.AwsChanges.of(ctx).items());
        for (String k : List.of("global_budget_name", "cluster_budget_name", "heartbeat_topic_arn",
                "heartbeat_schedule_name", "heartbeat_role_arn", "init_template_path", "cluster_yaml_path",
                "resolved_cli_config_path", "preflight_report_path", "cfn_stack_name")) {
            Object v = ctx.asMap().get(k);
            s.put(k, v == null ? "" : v);
        }
        return s;
    }

    public synchronized Path path() {
        return written;
    }
}
