package io.daylily.ec.app.listeners;

import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunListener;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.event.RunFinished;
import io.daylily.ec.api.event.RunStarted;
import io.daylily.ec.api.event.StepStarted;
import io.daylily.ec.api.event.WarningEvent;
import java.io.PrintStream;

/** Human output on stderr: one line per check as it completes (✓/⚠/✗ with remediation), warnings, the ending. */
public final class ConsoleWriter implements RunListener {
    private final PrintStream err;
    private final Style style;
    private final boolean verbose;

    public ConsoleWriter(PrintStream err, Style style, boolean verbose) {
        this.err = err;
        this.style = style;
        this.verbose = verbose;
    }

    @Override
    public void onRunStarted(RunStarted e) {
        err.println(style.bold("daylily-ec " + e.pipeline()) + " · run " + e.context().runId()
                + " · " + e.plan().size() + " steps");
    }

    @Override
    public void onStepStarted(StepStarted e) {
        if (verbose) {
            err.println("→ " + e.stepId());
        }
    }

    @Override
    public void onCheck(CheckResult c) {
        err.println(line(c, style));
    }

    /** The console line of one check. */
    public static String line(CheckResult c, Style style) {
        return switch (c.status()) {
            case PASS -> style.green("✓") + " " + c.id();
            case WARN -> style.yellow("⚠") + " " + c.id() + ": " + c.remediation();
            case FAIL -> style.red("✗") + " " + c.id() + ": " + c.remediation();
        };
    }

    @Override
    public void onWarning(WarningEvent w) {
        err.println(style.yellow("⚠") + " " + w.source() + ": " + w.message());
    }

    @Override
    public void onRunFinished(RunFinished e) {
        if (e.exitCode() == ExitCode.OK) {
            if (!e.message().isEmpty()) {
                err.println(style.green("■ " + e.message()));
            }
            if (Pipelines.PREFLIGHT.equals(e.pipeline())) {
                long warns = e.checks().stream().filter(c -> c.status() == CheckStatus.WARN).count();
                err.println(style.green("Preflight passed — " + e.checks().size() + " checks OK")
                        + (warns > 0 ? " (" + warns + " accepted warning" + (warns > 1 ? "s" : "") + ")" : ""));
            }
            return;
        }
        if ("drift".equals(e.reason())) {
            err.println(style.red("✗ Drift detected.") + " (exit " + e.exitCode().code() + ")");
            return;
        }
        if ("warn_not_accepted".equals(e.reason())) {
            err.println(style.yellow("Preflight has warnings and --pass-on-warn not set — aborting."));
        }
        if ("check_failed".equals(e.reason()) || "prompt_required".equals(e.reason())) {
            long failed = e.checks().stream().filter(c -> c.status() == CheckStatus.FAIL).count();
            err.println(style.red("✗ stopped: " + failed + " check" + (failed == 1 ? "" : "s") + " failed")
                    + " (exit " + e.exitCode().code() + ")");
            return;
        }
        err.println(style.red("✗ " + e.message()) + " (exit " + e.exitCode().code() + ")");
    }
}
