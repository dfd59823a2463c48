package io.daylily.ec.app.listeners;

import io.daylily.ec.api.AtomicFiles;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Json;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.RunListener;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.event.RunFinished;
import io.daylily.ec.api.event.RunStarted;
import io.daylily.ec.api.event.StepFinished;
import io.daylily.ec.api.event.StepStarted;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code preflight_<cluster>_<run id>.json} (PARITY §23) once, when preflight ends: at the
 * first step past the preflight phase, or at the end of the run, whichever comes first — so the
 * report exists after a pass, a WARN abort, a FAIL abort or an interrupt.
 */
public final class JsonReportWriter implements RunListener {
    private final Path configDir;
    private final List<CheckResult> checks = new ArrayList<>();
    private RunContext context;
    private Path written;
    private Map<String, Object> report;
    private Map<String, Object> plan;
    private boolean interrupted;
    private String pipeline = "";
    private RunFinished end;

    public JsonReportWriter(Path configDir) {
        this.configDir = configDir;
    }

    @Override
    public synchronized void onRunStarted(RunStarted e) {
        context = e.context();
        pipeline = e.pipeline();
    }

    /** The preflight report of create and preflight (PARITY's name); the other commands' own report, named after them. */
    boolean preflightReport() {
        return pipeline.equals(Pipelines.CREATE) || pipeline.equals(Pipelines.PREFLIGHT);
    }

    @Override
    public synchronized void onCheck(CheckResult c) {
        if (written == null) {
            checks.add(c);
        }
    }

    @Override
    public synchronized void onStepFinished(StepFinished e) {
        context = e.context();
    }

    @Override
    public synchronized void onStepStarted(StepStarted e) {
        // the preflight report is final when the first step that may change AWS starts; others at the run's end
        if (e.order() >= Order.INFRA && written == null && preflightReport()) {
            write();
        }
    }

    @Override
    public synchronized void onRunFinished(RunFinished e) {
        context = e.context();
        if (written == null) {
            interrupted = "interrupted".equals(e.reason());
            end = e;
            write();
        }
    }

    private void write() {
        RunContext ctx = context;
        Map<String, Object> doc = RunFacts.identity(ctx);
        doc.put("caller_arn", RunFacts.str(ctx, ContextKeys.CALLER_ARN));
        // a preflight cut short by a signal did not pass, whatever its checks so far said (issue #17)
        doc.put("passed", !interrupted && checks.stream().noneMatch(c -> c.status() == CheckStatus.FAIL));
        doc.put("interrupted", interrupted);
        doc.put("checks", checks.stream().map(JsonReportWriter::checkMap).toList());
        String prefix = "preflight";
        if (!preflightReport()) {
            // drift, delete, the infra commands: their own report, with how the run ended and what it changed
            prefix = pipeline;
            doc.put("pipeline", pipeline);
            doc.put("exit_code", end == null ? null : end.exitCode().code());
            doc.put("message", end == null ? "" : end.message());
            doc.put("aws_changes", io.daylily.ec.api.AwsChanges.of(ctx).items());
            if (Pipelines.PLAN.equals(pipeline)) {
                plan = PlanDocument.of(ctx, end == null ? io.daylily.ec.api.ExitCode.VALIDATION : end.exitCode(), checks);
                doc.put("plan", plan);
            }
        }
        report = doc;
        written = configDir.resolve(prefix + "_" + RunFacts.safeCluster(ctx) + "_" + ctx.runId() + ".json");
        AtomicFiles.writePrivate(written, Json.write(doc));
    }

    static Map<String, Object> checkMap(CheckResult c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("status", c.status().name());
        m.put("details", c.details());
        m.put("remediation", c.remediation());
        return m;
    }

    /** The plan of a {@code plan} run, once written (null otherwise). */
    public synchronized Map<String, Object> plan() {
        return plan;
    }

    /** The report file, once written. */
    public synchronized Path path() {
        return written;
    }

    /** The report document, once written. */
    public synchronized Map<String, Object> report() {
        return report;
    }
}
