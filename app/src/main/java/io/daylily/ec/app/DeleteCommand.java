package io.daylily.ec.app;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.app.runtime.Discovery;
import io.daylily.ec.app.runtime.Planner;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;

/** {@code delete}: tear a cluster down (FSx warnings, confirmation, heartbeat teardown, pcluster delete-cluster, wait). */
final class DeleteCommand extends OptionsCommand {
    DeleteCommand(CliRuntime rt) {
        super(rt, "delete", "delete --cluster-name N --region R | --state-file F [--yes] [--dry-run]: tear a cluster down", CliOptions::delete, true);
    }

    @Override
    int run(Invocation inv, CommandLine cl) {
        Path configDir = rt.configDir();
        RunContext ctx = InitialContext.of(Pipelines.DELETE, RunIds.reserve(configDir, rt.clock), cl)
                .with(ContextKeys.ASSUME_YES, cl.hasOption("yes"))
                .with(ContextKeys.DRY_RUN, cl.hasOption("dry-run"))
                .with(ContextKeys.PASS_ON_WARN, true)
                .option(cl, "cluster-name", ContextKeys.CLUSTER_NAME)
                .option(cl, "region", ContextKeys.REGION)
                .path(cl, "state-file", ContextKeys.STATE_FILE)
                .profileFlag(cl) // the record's profile, then AWS_PROFILE: delete.cluster applies them
                .build();
        ctx = withRecordedName(ctx);
        Discovery found = rt.discover(cl, configDir, inv.err());
        return rt.composition().execute(Pipelines.DELETE, Planner.plan(found.steps(), Pipelines.DELETE), ctx, cl, configDir,
                found, inv.out(), inv.err(), cl.hasOption("json")).exitCode().code();
    }

    /**
     * With only {@code --state-file}, the record's cluster name, so the run takes the cluster's lock before it
     * deletes anything. An unreadable record is left to {@code delete.cluster}, which reports it (exit 1, PARITY §25).
     */
    static RunContext withRecordedName(RunContext ctx) {
        if (ctx.contains(ContextKeys.CLUSTER_NAME) || !ctx.contains(ContextKeys.STATE_FILE)) {
            return ctx;
        }
        try {
            String name = io.daylily.ec.support.state.StateRecord.read(Path.of(ctx.require(ContextKeys.STATE_FILE)),
                    io.daylily.ec.api.ExitCode.VALIDATION).clusterName();
            return name.isEmpty() ? ctx : ctx.with(ContextKeys.CLUSTER_NAME, name);
        } catch (RuntimeException unreadable) {
            return ctx;
        }
    }
}
