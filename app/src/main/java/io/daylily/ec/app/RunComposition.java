package io.daylily.ec.app;

import io.daylily.ec.api.AwsChanges;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Json;
import io.daylily.ec.api.Lookups;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.RunListener;
import io.daylily.ec.app.adapters.ConsolePrompter;
import io.daylily.ec.app.adapters.SdkAwsClients;
import io.daylily.ec.app.listeners.ConsoleWriter;
import io.daylily.ec.app.listeners.JsonReportWriter;
import io.daylily.ec.app.listeners.StateFileWriter;
import io.daylily.ec.app.listeners.Style;
import io.daylily.ec.app.runtime.ClusterLock;
import io.daylily.ec.app.runtime.Discovery;
import io.daylily.ec.app.runtime.EventBusPublisher;
import io.daylily.ec.app.runtime.GuardedProcessRunner;
import io.daylily.ec.app.runtime.LoadedStep;
import io.daylily.ec.app.runtime.MutationGuard;
import io.daylily.ec.app.runtime.PipelineRunner;
import io.daylily.ec.support.lookup.SharedLookups;
import io.daylily.ec.support.state.StateRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.cli.CommandLine;

/**
 * The composition root of one run: the event bus and its listeners (console, report, state file,
 * plug-ins'), the prompter, the AWS clients and the shared lookups, wired into a
 * {@link PipelineRunner}; afterwards the --json summary.
 */
final class RunComposition {
    /** How long a run that ended early waits for read-only lookups still in flight before it closes the clients. */
    static final Duration LOOKUP_SETTLE = Duration.ofSeconds(10);

    private final CliRuntime rt;

    RunComposition(CliRuntime rt) {
        this.rt = rt;
    }

    /** Runs {@code plan} from {@code ctx}; with {@code json}, prints the run's summary on stdout. */
    PipelineRunner.Outcome execute(String pipeline, List<LoadedStep> plan, RunContext ctx, CommandLine cl, Path configDir,
                                   Discovery found, PrintStream out, PrintStream err, boolean json) {
        Map<String, String> env = rt.env;
        Style style = Style.decide(cl.hasOption("no-color"), json, rt.terminal, env);
        JsonReportWriter report = new JsonReportWriter(configDir);
        // Only runs that create or delete a cluster write state records (issue #17): drift, preflight, the infra
        // commands and a dry-run delete leave none, so 'state list' and 'state show' mean one thing.
        String kind = recordKind(pipeline, ctx);
        StateFileWriter state = kind == null ? null : new StateFileWriter(configDir, kind);
        List<RunListener> listeners = new ArrayList<>();
        listeners.add(new ConsoleWriter(err, style, cl.hasOption("debug")));
        listeners.add(report);
        if (state != null) {
            listeners.add(state);
        }
        listeners.addAll(found.listeners());
        EventBusPublisher bus = new EventBusPublisher(listeners);

        boolean nonInteractive = cl.hasOption("non-interactive");
        ConsolePrompter prompter = new ConsolePrompter(
                new BufferedReader(new InputStreamReader(rt.in, StandardCharsets.UTF_8)), err, !nonInteractive,
                rt.terminal && !json && !env.containsKey("CI") && !"dumb".equals(env.get("TERM")), columns(env));
        URI endpoint = cl.hasOption("endpoint-url") ? URI.create(cl.getOptionValue("endpoint-url")) : null;
        PipelineRunner.Outcome outcome;
        try (SdkAwsClients aws = new SdkAwsClients(endpoint, env)) {
            Lookups lookups = SharedLookups.forEnv(env);
            GuardedProcessRunner processes = new GuardedProcessRunner(rt.processes);
            RunServices services = new RunServices(bus, prompter, aws, processes, rt.clock, configDir, env,
                    Path.of("").toAbsolutePath(), lookups);
            try {
                outcome = new PipelineRunner(bus, services, MutationGuard.both(aws, processes), cl.hasOption("pass-on-warn"))
                        .withLock(kind == null ? null : new ClusterLock(configDir))
                        .run(pipeline, plan, ctx, cut -> {
                            if (json) {
                                printSummary(out, pipeline, cut, report, state);
                            }
                        });
            } finally {
                // A gate that failed may leave later gates' lookups in flight: let AWS reads land before the
                // clients close, so the run ends with no request outstanding; an external program started
                // ahead (the verifier, a pcluster call) is stopped, not waited for.
                lookups.end(LOOKUP_SETTLE);
            }
        }
        for (String f : bus.listenerFailures()) {
            err.println("⚠ " + f);
        }
        if (cl.hasOption("debug") && outcome.error() != null) {
            outcome.error().printStackTrace(err);
        }
        if (report.plan() != null) {
            err.print(io.daylily.ec.app.listeners.PlanDocument.text(report.plan()));
            err.flush();
        }
        if (json) {
            printSummary(out, pipeline, outcome, report, state);
        }
        return outcome;
    }

    /** The kind of state record the run writes: {@code create}, {@code delete} (not a dry run), or none. */
    static String recordKind(String pipeline, RunContext ctx) {
        if (pipeline.equals(Pipelines.CREATE)) {
            return StateRecord.KIND_CREATE;
        }
        if (pipeline.equals(Pipelines.DELETE) && !ctx.getOrDefault(ContextKeys.DRY_RUN, false)) {
            return StateRecord.KIND_DELETE;
        }
        return null;
    }

    /** The {@code --json} summary of a run: the same object whether it ended, failed or was interrupted. */
    static void printSummary(PrintStream out, String pipeline, PipelineRunner.Outcome outcome, JsonReportWriter report,
                             StateFileWriter state) {
        Map<String, Object> summary = new TreeMap<>();
        summary.put("pipeline", pipeline);
        summary.put("run_id", outcome.context().runId());
        summary.put("exit_code", outcome.exitCode().code());
        summary.put("reason", outcome.reason());
        summary.put("message", outcome.message());
        summary.put("interrupted", "interrupted".equals(outcome.reason()));
        summary.put("report_path", report.path() == null ? null : report.path().toString());
        summary.put("state_path", state == null || state.path() == null ? null : state.path().toString());
        summary.put("report", report.report());
        summary.put("login_command", outcome.context().get(ContextKeys.LOGIN_COMMAND).orElse(null));
        summary.put("aws_changes", AwsChanges.of(outcome.context()).items());
        if (Pipelines.PLAN.equals(pipeline)) {
            summary.put("plan", report.plan());
        }
        if (Pipelines.SPOT_MARKET.equals(pipeline)) {
            summary.put("spot_market", outcome.context().get(ContextKeys.SPOT_MARKET).orElse(null));
        }
        out.print(Json.write(summary));
        out.flush();
    }

    /** The terminal's width when the shell exports it ({@code COLUMNS}), else 100. */
    static int columns(Map<String, String> env) {
        try {
            int c = Integer.parseInt(env.getOrDefault("COLUMNS", "").strip());
            return c > 0 ? c : 100;
        } catch (NumberFormatException e) {
            return 100;
        }
    }
}
