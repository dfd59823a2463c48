package io.daylily.ec.steps.pcluster;

import io.daylily.ec.api.AtomicFiles;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.facts.HeartbeatSettings;
import io.daylily.ec.api.facts.KeyPair;
import io.daylily.ec.api.facts.Network;
import io.daylily.ec.api.facts.ReferenceBucket;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.support.config.ConfigKeys;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code pcluster.render} (PARITY §15, DECISIONS #13, #20): the cluster template with every token
 * replaced; writes {@code <cluster>_cluster_<ts>.yaml.init} (the template as read) and
 * {@code <cluster>_init_template_<ts>.yaml} (rendered) into the config directory.
 */
public final class RenderStep implements Step {
    @Override
    public String id() {
        return "pcluster.render";
    }

    @Override
    public int order() {
        return Order.PCLUSTER;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE, Pipelines.PLAN);
    }

    @Override
    public String description() {
        return "render the cluster template (${REGSUB_*} tokens)";
    }

    /** The value of every known token, from the context (PARITY §15.2 with the project's rulings). */
    static Map<String, String> values(RunContext ctx, Map<String, String> env) {
        ConfigValues v = ctx.require(ContextKeys.VALUES);
        String cluster = ctx.require(ContextKeys.CLUSTER_NAME);
        String az = ctx.require(ContextKeys.REGION_AZ);
        // A fact not settled yet renders empty: the render refuses an empty required token by name, and the
        // preflight template check (which runs before the network may exist) puts stand-ins there.
        Optional<ReferenceBucket> bucket = ctx.get(ContextKeys.REFERENCE_BUCKET);
        Optional<Network> net = ctx.get(ContextKeys.NETWORK);
        Map<String, String> m = new TreeMap<>();
        m.put("REGSUB_REGION", ctx.require(ContextKeys.REGION));
        m.put("REGSUB_PUB_SUBNET", net.map(Network::publicSubnetId).orElse(""));
        m.put("REGSUB_PRIVATE_SUBNET", net.map(Network::privateSubnetId).orElse(""));
        m.put("REGSUB_KEYNAME", ctx.get(ContextKeys.KEY_PAIR).map(KeyPair::name).orElse(""));
        m.put("REGSUB_S3_BUCKET_INIT", bucket.map(ReferenceBucket::url).orElse(""));
        m.put("REGSUB_S3_BUCKET_NAME", bucket.map(ReferenceBucket::name).orElse(""));
        m.put("REGSUB_S3_BUCKET_REF", bucket.map(ReferenceBucket::url).orElse(""));
        m.put("REGSUB_S3_IAM_POLICY", ctx.get(ContextKeys.CLUSTER_POLICY).map(io.daylily.ec.api.facts.ClusterPolicy::arn).orElse(""));
        m.put("REGSUB_FSX_SIZE", v.getOrEmpty(ConfigKeys.FSX_FS_SIZE));
        m.put("REGSUB_DETAILED_MONITORING", v.getOrEmpty(ConfigKeys.ENABLE_DETAILED_MONITORING));
        m.put("REGSUB_CLUSTER_NAME", cluster);
        m.put("REGSUB_USERNAME", env.getOrDefault("USER", "unknown") + "-" + ctx.get(ContextKeys.USER_NAME).orElse("unknown"));
        m.put("REGSUB_PROJECT", "da-" + az + "-" + cluster);
        m.put("REGSUB_DELETE_LOCAL_ROOT", v.getOrEmpty(ConfigKeys.DELETE_LOCAL_ROOT));
        m.put("REGSUB_SAVE_FSX", v.getOrEmpty(ConfigKeys.AUTO_DELETE_FSX));
        String enforce = v.getOrEmpty(ConfigKeys.ENFORCE_BUDGET);
        m.put("REGSUB_ENFORCE_BUDGET", enforce.isEmpty() || enforce.equals("false") ? "skip" : enforce);
        m.put("REGSUB_AWS_ACCOUNT_ID", "aws_profile-" + ctx.get(ContextKeys.AWS_PROFILE).orElse("default"));
        m.put("REGSUB_ALLOCATION_STRATEGY", v.getOrEmpty(ConfigKeys.SPOT_INSTANCE_ALLOCATION_STRATEGY));
        m.put("REGSUB_DAYLILY_GIT_DEETS", "daylily-ec-" + version());
        m.put("REGSUB_MAX_COUNT_8I", v.getOrEmpty(ConfigKeys.MAX_COUNT_8I));
        m.put("REGSUB_MAX_COUNT_128I", v.getOrEmpty(ConfigKeys.MAX_COUNT_128I));
        m.put("REGSUB_MAX_COUNT_192I", v.getOrEmpty(ConfigKeys.MAX_COUNT_192I));
        m.put("REGSUB_HEADNODE_INSTANCE_TYPE", v.getOrEmpty(ConfigKeys.HEADNODE_INSTANCE_TYPE));
        HeartbeatSettings hb = ctx.get(ContextKeys.HEARTBEAT).orElse(new HeartbeatSettings("", "", ""));
        m.put("REGSUB_HEARTBEAT_EMAIL", hb.email().isEmpty() ? HeartbeatSettings.SKIP : hb.email());
        m.put("REGSUB_HEARTBEAT_SCHEDULE", hb.schedule());
        m.put("REGSUB_HEARTBEAT_SCHEDULER_ROLE_ARN", hb.schedulerRoleArn().isEmpty() ? "none" : hb.schedulerRoleArn());
        return m;
    }

    static String version() {
        String v = RenderStep.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** Whether {@code ctx} is a plan's: the render and the prices write {@code .plan.yaml} files, with stand-ins for what does not exist yet. */
    static boolean planning(RunContext ctx) {
        return Pipelines.PLAN.equals(ctx.get(ContextKeys.PIPELINE).orElse(""));
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        String cluster = ctx.require(ContextKeys.CLUSTER_NAME);
        String templatePath = ctx.require(ContextKeys.VALUES).getOrEmpty(ConfigKeys.CLUSTER_TEMPLATE_YAML);
        String template = Templates.read(templatePath, s.workDir());
        String ts = ctx.runId();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("template", templatePath);
        d.put("tokens", Renderer.tokens(template).size());
        Path out;
        if (planning(ctx)) {
            // the subnets of a baseline stack a create would make exist only after it: stand-ins, named in the details
            List<String> standIns = new java.util.ArrayList<>();
            String rendered = TemplateCheckStep.renderWithStandIns(template, ctx, s.env(), standIns);
            out = AtomicFiles.writePrivate(s.configDir().resolve(cluster + "_init_template_" + ts + ".plan.yaml"), rendered);
            d.put("init_template_path", out.toString());
            d.put("stand_ins", standIns);
        } else {
            String rendered = Renderer.render(template, values(ctx, s.env()));
            Path init = AtomicFiles.writePrivate(s.configDir().resolve(cluster + "_cluster_" + ts + ".yaml.init"), template);
            out = AtomicFiles.writePrivate(s.configDir().resolve(cluster + "_init_template_" + ts + ".yaml"), rendered);
            d.put("init_template_path", out.toString());
            d.put("template_copy", init.toString());
        }
        s.events().check(CheckResult.pass(id(), d));
        return ctx.with(ContextKeys.INIT_TEMPLATE_PATH, out.toString());
    }
}
