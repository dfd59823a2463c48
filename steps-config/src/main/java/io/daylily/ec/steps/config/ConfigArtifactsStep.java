package io.daylily.ec.steps.config;

import io.daylily.ec.api.AtomicFiles;
import io.daylily.ec.api.ContextKey;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.config.AutoSelect;
import io.daylily.ec.api.config.ConfigKey;
import io.daylily.ec.api.config.ConfigSnapshot;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.facts.ClusterPolicy;
import io.daylily.ec.api.facts.HeartbeatSettings;
import io.daylily.ec.api.facts.KeyPair;
import io.daylily.ec.api.facts.Network;
import io.daylily.ec.api.facts.ReferenceBucket;
import io.daylily.ec.support.config.ConfigKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * {@code config.artifacts}: at the end of a create, writes the final snapshot, the reusable CLI
 * config and the next-run template into the config directory (DECISIONS #20), and records their
 * paths in the context ({@code resolved_cli_config_path} for the state file).
 */
public final class ConfigArtifactsStep implements Step {
    public static final ContextKey<String> RESOLVED_CLI_CONFIG_PATH = ContextKey.of("resolved_cli_config_path", String.class);
    public static final ContextKey<String> NEXT_RUN_TEMPLATE_PATH = ContextKey.of("next_run_template_path", String.class);
    public static final ContextKey<String> FINAL_CONFIG_PATH = ContextKey.of("final_config_path", String.class);

    @Override
    public String id() {
        return "config.artifacts";
    }

    @Override
    public int order() {
        return Order.POST + 90;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE);
    }

    @Override
    public String description() {
        return "write the final config snapshot, the reusable CLI config and the next-run template";
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        ConfigSnapshot cfg = ctx.require(ContextKeys.CONFIG);
        ConfigValues values = projected(ctx);
        String ts = ctx.runId();
        String source = sourceText(cfg);
        String base = baseName(cfg.sourcePath());
        String cluster = ConfigArtifacts.clusterForNames(cfg, values);

        Path fin = AtomicFiles.writePrivate(s.configDir().resolve(base + "_final_" + ts + ".yaml"),
                ConfigArtifacts.finalSnapshot(cfg, values));
        Path cli = AtomicFiles.writePrivate(s.configDir().resolve(cluster + "_cli_cfg_" + ts + ".yaml"),
                ConfigArtifacts.cliConfig(source, cfg, values));
        Path next = AtomicFiles.writePrivate(s.configDir().resolve(cluster + "_template.yaml"),
                ConfigArtifacts.nextRunTemplate(source, cfg, values, AutoSelect.disabled(s.env())));
        s.prompter().say("Saved configuration snapshot to: " + fin);
        s.prompter().say("Wrote reusable CLI configuration to: " + cli);
        s.prompter().say("Next run, with no questions: --config " + next);
        return ctx.with(FINAL_CONFIG_PATH, fin.toString())
                .with(RESOLVED_CLI_CONFIG_PATH, cli.toString())
                .with(NEXT_RUN_TEMPLATE_PATH, next.toString());
    }

    /**
     * The config values as the run settled them (issue #28): what the preflight and the infra steps chose lives in
     * their records only — the bucket, the key pair, the subnets, the cluster policy, the scheduler role — and is
     * projected onto the config phase's values here, for the artifacts the next run reads.
     */
    static ConfigValues projected(RunContext ctx) {
        ConfigValues v = ctx.require(ContextKeys.VALUES);
        v = put(v, ConfigKeys.S3_BUCKET_NAME, ctx.get(ContextKeys.REFERENCE_BUCKET).map(ReferenceBucket::name));
        v = put(v, ConfigKeys.SSH_KEY_NAME, ctx.get(ContextKeys.KEY_PAIR).map(KeyPair::name));
        v = put(v, ConfigKeys.PUBLIC_SUBNET_ID, ctx.get(ContextKeys.NETWORK).map(Network::publicSubnetId));
        v = put(v, ConfigKeys.PRIVATE_SUBNET_ID, ctx.get(ContextKeys.NETWORK).map(Network::privateSubnetId));
        v = put(v, ConfigKeys.IAM_POLICY_ARN, ctx.get(ContextKeys.CLUSTER_POLICY).map(ClusterPolicy::arn));
        return put(v, ConfigKeys.HEARTBEAT_SCHEDULER_ROLE_ARN, ctx.get(ContextKeys.HEARTBEAT).map(HeartbeatSettings::schedulerRoleArn));
    }

    /** {@code v} with {@code key} set to the record's value, or {@code v} itself when the run has no such record. */
    private static ConfigValues put(ConfigValues v, ConfigKey key, Optional<String> value) {
        return value.map(x -> v.with(key, x)).orElse(v);
    }

    private static String sourceText(ConfigSnapshot cfg) {
        try {
            Path p = Path.of(cfg.sourcePath());
            return Files.isRegularFile(p) ? Files.readString(p) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String baseName(String path) {
        String name = Path.of(path).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
