package io.daylily.ec.app;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Json;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.app.runtime.Discovery;
import io.daylily.ec.app.runtime.PipelineRunner;
import io.daylily.ec.app.runtime.Planner;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;

/** {@code drift --state-file F}: compare a state record with AWS, read-only; its report on stdout; exit 3 on drift. */
final class DriftCommand extends OptionsCommand {
    DriftCommand(CliRuntime rt) {
        super(rt, "drift", "drift --state-file F [--profile P]: compare a state record with AWS (read-only; exit 3 on drift)", CliOptions::drift, true);
    }

    @Override
    int run(Invocation inv, CommandLine cl) {
        Path configDir = rt.configDir();
        RunContext ctx = InitialContext.of(Pipelines.DRIFT, RunIds.reserve(configDir, rt.clock), cl)
                .path(cl, "state-file", ContextKeys.STATE_FILE)
                .with(ContextKeys.NON_INTERACTIVE, true)
                .profileFlag(cl) // the record's profile, then AWS_PROFILE: drift.check applies them
                .build();
        Discovery found = rt.discover(cl, configDir, inv.err());
        PipelineRunner.Outcome o = rt.composition().execute(Pipelines.DRIFT, Planner.plan(found.steps(), Pipelines.DRIFT), ctx,
                cl, configDir, found, inv.out(), inv.err(), false);
        o.context().asMap().entrySet().stream().filter(e -> e.getKey().equals("drift_report")).findFirst()
                .ifPresent(e -> inv.out().print(Json.write(e.getValue())));
        return o.exitCode().code();
    }
}
