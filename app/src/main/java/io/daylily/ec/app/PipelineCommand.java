package io.daylily.ec.app;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RepoOverrides;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.app.adapters.ClientWarmup;
import io.daylily.ec.app.runtime.Discovery;
import io.daylily.ec.app.runtime.LoadedStep;
import io.daylily.ec.app.runtime.Planner;
import io.daylily.ec.steps.post.RepositoryCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code create}, {@code preflight} and {@code plan}: the config and preflight gates; for create everything
 * after them; for plan (and {@code create --plan}) what a create would do, read-only (issue #20).
 */
abstract class PipelineCommand implements Command {
    static final Pattern REPO_OVERRIDE = Pattern.compile("^[a-zA-Z0-9_-]+:.+$");

    private final CliRuntime rt;
    private final boolean create;

    PipelineCommand(CliRuntime rt, boolean create) {
        this.rt = rt;
        this.create = create;
    }

    /** {@code create}. */
    static final class Create extends PipelineCommand {
        Create(CliRuntime rt) {
            super(rt, true);
        }

        @Override
        public String name() {
            return Pipelines.CREATE;
        }

        @Override
        public String summary() {
            return "create an ephemeral cluster (preflight, infra, render, pcluster, post-create)";
        }

        @Override
        public String syntax() {
            return ("daylily-create-ephemeral-cluster".equals(System.getProperty("daylily.prog"))
                    ? "daylily-create-ephemeral-cluster" : Cli.PROG + " create")
                    + " --region-az AZ [--profile NAME] [--config PATH] [--pass-on-warn] [--non-interactive] [--repo-override KEY:REF]…"
                    + " [--plan]";
        }
    }

    /** {@code plan}: the preflight, then each phase's read-only account of what a create would do. */
    static final class PlanOnly extends PipelineCommand {
        PlanOnly(CliRuntime rt) {
            super(rt, false);
        }

        @Override
        public String name() {
            return Pipelines.PLAN;
        }

        @Override
        public String summary() {
            return "show what a create would do, resource by resource, and what it would cost; changes nothing";
        }

        @Override
        public String syntax() {
            return Cli.PROG + " plan --region-az AZ [--profile NAME] [--config PATH] [--pass-on-warn] [--non-interactive]";
        }
    }

    /** {@code preflight}. */
    static final class Preflight extends PipelineCommand {
        Preflight(CliRuntime rt) {
            super(rt, false);
        }

        @Override
        public String name() {
            return Pipelines.PREFLIGHT;
        }

        @Override
        public String summary() {
            return "run the config and preflight gates only; write the report";
        }

        @Override
        public String syntax() {
            return Cli.PROG + " preflight --region-az AZ [--profile NAME] [--config PATH] [--pass-on-warn] [--non-interactive]";
        }
    }

    @Override
    public Options options() {
        return CliOptions.run(create);
    }

    @Override
    public boolean runsSteps() {
        return true;
    }

    @Override
    public int run(Invocation inv) {
        CommandLine cl;
        try {
            cl = rt.parse(this, inv);
        } catch (UsageException u) {
            return u.code;
        }
        boolean plans = create && cl.hasOption("plan");
        String pipeline = plans ? Pipelines.PLAN : name();
        if (!cl.getArgList().isEmpty()) {
            return rt.help().usageError(inv.err(), this, "unexpected argument '" + cl.getArgList().get(0) + "'");
        }
        String az = cl.getOptionValue("region-az");
        String region = Regions.regionOf(az, rt.regionEnv(cl));
        if (!"0".equals(rt.env.get("DAYLILY_EC_WARMUP"))) {
            List<String> types = new ArrayList<>(ClientWarmup.PREFLIGHT);
            if (create || pipeline.equals(Pipelines.PLAN)) {
                types.addAll(ClientWarmup.CREATE_EXTRA);
            }
            ClientWarmup.start(types, 1);
        }
        RepoOverrides overrides = create ? repoOverrides(cl.getOptionValues("repo-override")) : new RepoOverrides(null);

        Path configDir = rt.configDir();
        RunContext ctx = InitialContext.of(pipeline, RunIds.reserve(configDir, rt.clock), cl)
                .with(ContextKeys.REGION_AZ, az)
                .with(ContextKeys.REGION, region)
                .with(ContextKeys.REPO_OVERRIDES, overrides)
                .profileFlag(cl) // the config's aws_profile, then AWS_PROFILE: config.load applies them
                .option(cl, "config", ContextKeys.CONFIG_PATH)
                .build();
        Discovery found = rt.discover(cl, configDir, inv.err());
        List<LoadedStep> plan = Planner.plan(found.steps(), pipeline);
        if (create && !plans) {
            plan = PlanCheck.guard(plan);
        }
        return rt.composition().execute(pipeline, plan, ctx, cl, configDir, found, inv.out(), inv.err(), cl.hasOption("json"))
                .exitCode().code();
    }

    private static RepoOverrides repoOverrides(String[] values) {
        SortedMap<String, String> refs = new TreeMap<>();
        if (values == null) {
            return new RepoOverrides(refs);
        }
        for (String v : values) {
            if (!REPO_OVERRIDE.matcher(v).matches()) {
                throw new DaylilyException(ExitCode.VALIDATION, "--repo-override '" + v
                        + "' must be KEY:REF (key of letters, digits, '_' or '-'; a non-empty ref)");
            }
            int colon = v.indexOf(':');
            String key = v.substring(0, colon);
            refs.put(key, v.substring(colon + 1));
        }
        // the catalog head-node setup will write (the working directory's copy, else the jar's): PARITY §1.1
        return RepositoryCatalog.load(Path.of("").toAbsolutePath()).check(new RepoOverrides(refs));
    }
}
