package io.daylily.ec.steps.pcluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.daylily.ec.api.AwsOperationException;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.Stop;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.support.pcluster.PclusterClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code pcluster.dry_run} (PARITY §17, DECISIONS #1): success only when the JSON {@code message} is
 * exactly {@link PclusterClient#DRY_RUN_OK} (the exit code is 1 either way). Validation messages are
 * shown; a failure is exit 2 listing the configuration errors and the command to re-run.
 * {@code DAY_BREAK=1} stops the run after a successful dry run with exit 0, before any budget is
 * created, naming what the run did create on the way (a baseline stack, a policy, the scheduler role).
 */
public final class DryRunStep implements Step {
    /** The statuses of an existing cluster of the run's name that a create reuses instead of stopping on (a plan says the same). */
    static final java.util.Set<String> REUSABLE = java.util.Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "CREATE_IN_PROGRESS",
            "UPDATE_IN_PROGRESS");

    /**
     * Set by the dry run when no cluster of the run's name exists: the create step's inspect takes it instead of
     * asking {@code pcluster describe-cluster} again (this module's own key).
     */
    static final io.daylily.ec.api.ContextKey<Boolean> ABSENT = io.daylily.ec.api.ContextKey.of("pcluster.cluster_absent", Boolean.class);

    @Override
    public String id() {
        return "pcluster.dry_run";
    }

    @Override
    public int order() {
        return Order.PCLUSTER + 20;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE);
    }

    @Override
    public String description() {
        return "pcluster create-cluster --dryrun true";
    }

    /**
     * The existence check ({@code pcluster describe-cluster}), started ahead (issues #19, #28) so pcluster's
     * start-up overlaps the gates instead of following them; this step (and a plan's {@code pcluster.create})
     * asks for it with the same key. Nothing the run does before it creates the cluster.
     */
    static void startExistenceCheck(RunContext ctx, StepServices s) {
        if (ctx.get(ContextKeys.CLUSTER_NAME).isEmpty() || ctx.get(ContextKeys.REGION).isEmpty()) {
            return;
        }
        String name = ctx.require(ContextKeys.CLUSTER_NAME);
        String region = ctx.require(ContextKeys.REGION);
        PclusterClient cli = PclusterClient.of(ctx, s);
        s.lookups().start(cli.describeKey(name, region), () -> cli.describe(name, region));
    }

    @Override
    public void startReads(RunContext ctx, StepServices s) {
        startExistenceCheck(ctx, s);
    }

    static List<String> lines(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(m -> out.add(m.path("level").asText("") + " " + m.path("type").asText("") + ": " + m.path("message").asText("")));
        return out;
    }

    /** The truth about a DAY_BREAK stop: what the run changed in AWS to get here, or that it changed nothing. */
    static String dayBreakMessage(io.daylily.ec.api.AwsChanges changes, String config) {
        String what = changes.isEmpty() ? "nothing was created or changed in AWS"
                : "created or changed in AWS for it: " + String.join("; ", changes.items())
                        + " (no budget and no cluster were created)";
        return "DAY_BREAK=1 — stopping after a successful dry run; " + what + ". The cluster YAML is " + config;
    }

    /**
     * Whether the existing cluster has the configuration this run rendered: {@code same}, or {@code unknown}
     * (a warning says why it could not be read); a difference ends the run with exit 1 listing it, before
     * anything of this run is written as if the cluster had the new settings.
     */
    static String sameConfiguration(StepServices s, PclusterClient.Result described, String name, String region, String config,
                                    Map<String, Object> d) {
        java.util.Optional<String> url = LiveConfig.url(described.json());
        String live;
        String proposed;
        try {
            if (url.isEmpty()) {
                throw new java.io.IOException("pcluster describe-cluster names no clusterConfiguration.url");
            }
            live = LiveConfig.fetch(url.get());
            proposed = java.nio.file.Files.readString(java.nio.file.Path.of(config));
        } catch (java.io.IOException | RuntimeException e) {
            s.events().warn("pcluster.dry_run", "cluster " + name + " exists, but its configuration could not be read to compare"
                    + " it with this run's (" + e.getMessage() + "); its settings may differ from the config");
            return "unknown";
        }
        List<String> diff = LiveConfig.differences(live, proposed);
        if (diff.isEmpty()) {
            return "same";
        }
        d.put("differences", diff);
        List<String> shown = diff.size() > LiveConfig.SHOWN ? diff.subList(0, LiveConfig.SHOWN) : diff;
        throw new io.daylily.ec.api.DaylilyException(ExitCode.VALIDATION, "cluster " + name + " already exists in " + region
                + " with other settings than this run's (" + diff.size() + " difference" + (diff.size() == 1 ? "" : "s")
                + ", live → new):\n  " + String.join("\n  ", shown) + (diff.size() > shown.size() ? "\n  …" : "")
                + "\nNothing was changed. Either delete it first (daylily-ec delete --cluster-name " + name + " --region " + region
                + ") and create it again, or run with the settings it was created with (the config snapshot and the"
                + " cluster YAML of the run that created it are in the config directory)", "config_differs", null);
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        String name = ctx.require(ContextKeys.CLUSTER_NAME);
        String config = ctx.require(ContextKeys.CLUSTER_YAML_PATH);
        String region = ctx.require(ContextKeys.REGION);
        PclusterClient cli = PclusterClient.of(ctx, s);
        // A second run is safe: a cluster of this name that already exists is not created again.
        // started ahead by startReads when it could (issues #19, #28); made here otherwise
        PclusterClient.Result described = s.lookups().get(cli.describeKey(name, region), () -> cli.describe(name, region));
        String existing = PclusterClient.status(described);
        if (existing != null) {
            if (REUSABLE.contains(existing)) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("existing_cluster_status", existing);
                d.put("configuration", sameConfiguration(s, described, name, region, config, d));
                s.prompter().say("Cluster " + name + " already exists (" + existing + "); it is not created again");
                s.events().check(CheckResult.pass(id(), d));
                return ctx.with(ContextKeys.CLUSTER_STATUS, existing);
            }
            throw new AwsOperationException("cluster " + name + " already exists in " + region + " as " + existing
                    + "; delete it first (daylily-ec delete --cluster-name " + name + " --region " + region + ") or pick another name");
        }
        PclusterClient.Result r = cli.dryRun(name, config, region);
        List<String> warnings = lines(r.json().path("validationMessages"));
        warnings.forEach(w -> s.prompter().say("  " + w));
        String command = cli.commandLine(PclusterClient.createArgs(name, config, region, true));
        if (!PclusterClient.DRY_RUN_OK.equals(r.message())) {
            List<String> errors = lines(r.json().path("configurationValidationErrors"));
            String why = !r.message().isEmpty() ? r.message() : r.problem();
            throw new AwsOperationException("dry run failed: " + why + (errors.isEmpty() ? "" : "\n  " + String.join("\n  ", errors))
                    + "\n  re-run: " + command);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("validation_messages", warnings);
        d.put("command", command);
        s.events().check(CheckResult.pass(id(), d));
        if ("1".equals(s.env().get("DAY_BREAK"))) {
            return Stop.after(ctx, ExitCode.OK, "day_break", dayBreakMessage(io.daylily.ec.api.AwsChanges.of(ctx), config));
        }
        return ctx.with(ABSENT, true);
    }
}
