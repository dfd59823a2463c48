package io.daylily.ec.app.runtime;

import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.PromptRequiredException;
import io.daylily.ec.api.Prompts;
import io.daylily.ec.api.ResourceStep;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.Stop;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.event.Question;
import io.daylily.ec.api.event.RunFinished;
import io.daylily.ec.api.event.RunStarted;
import io.daylily.ec.api.event.StepFinished;
import io.daylily.ec.api.event.StepStarted;
import io.daylily.ec.api.plan.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs a plan: each step in order, the gate after each one, {@link RunFinished} on every ending.
 *
 * <p>Gate: a step that published a FAIL stops the pipeline (exit 1). A WARN stops it too unless
 * {@code --pass-on-warn}, or an interactive user answers "continue"; non-interactive runs stop with
 * reason {@code warn_not_accepted}. A prompt needed in a non-interactive run is a FAIL check
 * {@code prompt.<key>} with reason {@code prompt_required}.
 */
public final class PipelineRunner {
    private static final Logger LOG = LogManager.getLogger(PipelineRunner.class);

    /** How a run ended. */
    public record Outcome(ExitCode exitCode, String message, String reason, RunContext context, Throwable error) {
    }

    private final EventBusPublisher bus;
    private final StepServices services;
    /** The checks of this run, in the order published: the runner's own log (issue #28), not the bus's. */
    private final List<CheckResult> checks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final MutationGuard guard;
    private final boolean passOnWarn;

    private ClusterLock lock;
    private String pipelineName = "";

    public PipelineRunner(EventBusPublisher bus, StepServices services, MutationGuard guard, boolean passOnWarn) {
        this.bus = bus;
        this.services = logging(services);
        this.guard = guard;
        this.passOnWarn = passOnWarn;
    }

    /**
     * Runs hold {@code lock} for their cluster from the first step that knows the cluster's name to the end
     * (create and delete: one run at a time per cluster); a cluster another run holds ends the run, exit 1.
     */
    public PipelineRunner withLock(ClusterLock lock) {
        this.lock = lock;
        return this;
    }

    public Outcome run(String pipeline, List<LoadedStep> plan, RunContext initial) {
        return run(pipeline, plan, initial, o -> { });
    }

    /** The message of a run cut short by {@code code} (130 SIGINT, 143 SIGTERM or another shutdown). */
    static String interruptedMessage(ExitCode code) {
        String by = code == ExitCode.INTERRUPTED ? "SIGINT (Ctrl-C)" : code == ExitCode.TERMINATED ? "SIGTERM" : "shutdown";
        return "interrupted by " + by + "; the report and state file record what was done — run the same command"
                + " again to finish";
    }

    /**
     * Runs {@code plan}; when the JVM shuts down mid-run (SIGINT, SIGTERM), the run is finished with the
     * signal's code ({@link Signals}) and {@code onShutdown} gets that outcome (the {@code --json} summary).
     */
    public Outcome run(String pipeline, List<LoadedStep> plan, RunContext initial, java.util.function.Consumer<Outcome> onShutdown) {
        AtomicBoolean finished = new AtomicBoolean();
        RunContext[] current = {initial};
        Thread hook = new Thread(() -> {
            ExitCode code = Signals.shutdownCode();
            Outcome cut = new Outcome(code, interruptedMessage(code), "interrupted", current[0], null);
            if (finish(finished, pipeline, cut)) {
                onShutdown.accept(cut);
            }
        }, "daylily-interrupt");
        boolean hooked = addHook(hook);
        pipelineName = pipeline;
        guard.readOnly(true);
        Outcome outcome = null;
        try {
            bus.publish(new RunStarted(pipeline, services.configDir(), plan.stream().map(LoadedStep::id).toList(),
                    initial));
            outcome = execute(plan, current);
            return outcome;
        } catch (RuntimeException | Error e) {
            outcome = new Outcome(ExitCode.VALIDATION, "internal error: " + e, "internal_error", current[0], e);
            throw e;
        } finally {
            guard.readOnly(true);
            finish(finished, pipeline, outcome == null
                    ? new Outcome(ExitCode.VALIDATION, "run aborted", "aborted", current[0], null) : outcome);
            if (lock != null) {
                lock.close(); // after the final record: the next run of the cluster finds it finished
            }
            if (hooked) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already exiting; the hook has run or will find the run finished
                }
            }
        }
    }

    private Outcome execute(List<LoadedStep> plan, RunContext[] current) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("run {} plan: {}", current[0].runId(), plan.stream().map(s -> s.order() + " " + s.id() + " ("
                    + s.source() + ")").toList());
        }
        boolean readsStarted = false;
        for (int i = 0; i < plan.size(); i++) {
            LoadedStep loaded = plan.get(i);
            LOG.debug("step {} starting (mutates AWS: {})", loaded.id(), loaded.step().mutatesAws());
            RunContext ctx = current[0];
            if (!readsStarted && loaded.order() >= io.daylily.ec.api.Order.READS) {
                readsStarted = true;
                startReads(plan.subList(i, plan.size()), ctx);
            }
            Optional<String> busy = lockFor(ctx);
            if (busy.isPresent()) {
                return new Outcome(ExitCode.VALIDATION, busy.get(), "cluster_locked", ctx, null);
            }
            int checksBefore = checks.size();
            bus.publish(new StepStarted(loaded.id(), loaded.order()));
            Instant start = services.clock().now();
            RunContext next;
            try {
                next = runGuarded(loaded, ctx, checksBefore);
                if (next == null) {
                    throw new DaylilyException(ExitCode.VALIDATION, "step " + loaded.id() + " returned no context");
                }
                if (!next.runId().equals(ctx.runId())) {
                    throw new DaylilyException(ExitCode.VALIDATION,
                            "step " + loaded.id() + " returned a context of another run (" + next.runId() + ")");
                }
            } catch (RuntimeException e) {
                guard.readOnly(true); // closed between steps: writes are open only inside a step that may write
                Duration took = Duration.between(start, services.clock().now());
                // a step that ends the run with a context of its own returns a Stop instead of throwing
                bus.publish(new StepFinished(loaded.id(), false, took, ctx));
                return failure(loaded, ctx, e);
            }
            guard.readOnly(true);
            LOG.debug("step {} finished in {} ms", loaded.id(), Duration.between(start, services.clock().now()).toMillis());
            current[0] = next;
            bus.publish(new StepFinished(loaded.id(), true, Duration.between(start, services.clock().now()), next));

            List<CheckResult> fresh = List.copyOf(checks.subList(checksBefore, checks.size()));
            Outcome gated = gate(loaded, fresh, next);
            if (gated != null) {
                return gated;
            }
            // the step's explicit outcome: end the run here (DAY_BREAK, drift found, drift unreadable)
            Optional<Stop> stop = Stop.in(next);
            if (stop.isPresent()) {
                RunContext kept = next.without(Stop.KEY);
                current[0] = kept;
                return new Outcome(stop.get().exitCode(), stop.get().message(), stop.get().reason(), kept, null);
            }
        }
        return new Outcome(ExitCode.OK, "", "", current[0], null);
    }

    /**
     * Starts the declared reads of {@code rest} (issue #28: this replaces a prefetch step that reached into the
     * later steps), in plan order, with writes closed. Only a head start: a read that cannot start is left to its
     * step, which reports it in its own place; with {@code DAYLILY_SEQUENTIAL=1} nothing starts ahead.
     */
    private void startReads(List<LoadedStep> rest, RunContext ctx) {
        if (!services.lookups().background()) {
            return;
        }
        guard.readOnly(true);
        for (LoadedStep s : rest) {
            try {
                s.step().startReads(ctx, services);
            } catch (RuntimeException e) {
                LOG.debug("step {} could not start its reads ahead: {}", s.id(), e.toString());
            }
        }
    }

    /**
     * Runs one step with AWS writes open only where they may happen (issue #28): a resource step's inspect
     * with writes refused, then — unless it published a FAIL — its apply with writes allowed, or in a plan its
     * describe; a plain step with writes allowed only when it declares {@code mutatesAws()}. A pipeline that is
     * read-only ({@code plan}, {@code spot-market}) allows no write at all, whatever a step says of itself.
     */
    private RunContext runGuarded(LoadedStep loaded, RunContext ctx, int checksBefore) {
        boolean readOnlyRun = Pipelines.readOnly(pipelineName);
        if (loaded.step() instanceof ResourceStep<?> resource) {
            return phases(loaded.id(), resource, ctx, readOnlyRun, checksBefore);
        }
        guard.readOnly(readOnlyRun || !loaded.step().mutatesAws());
        return loaded.step().run(ctx, services);
    }

    private <D> RunContext phases(String id, ResourceStep<D> step, RunContext ctx, boolean readOnlyRun, int checksBefore) {
        guard.readOnly(true);
        D decision = step.inspect(ctx, services);
        if (decision == null) {
            throw new DaylilyException(ExitCode.VALIDATION, "step " + id + " inspected nothing (its inspect returned no decision)");
        }
        if (checks.subList(checksBefore, checks.size()).stream().anyMatch(c -> c.status() == CheckStatus.FAIL)) {
            return ctx; // the gate stops the run here: nothing is applied or planned after a FAIL
        }
        if (readOnlyRun) {
            return Plan.add(step.planned(decision, ctx), step.describe(decision));
        }
        guard.readOnly(false);
        return step.apply(decision, ctx, services);
    }

    private Outcome gate(LoadedStep loaded, List<CheckResult> fresh, RunContext ctx) {
        for (CheckResult c : fresh) {
            if (c.status() == CheckStatus.FAIL) {
                // a check that failed because an AWS call failed is an AWS operation failure (exit 2), not a validation one
                ExitCode code = c.awsFailure() ? ExitCode.AWS : ExitCode.VALIDATION;
                return new Outcome(code, c.id() + ": " + c.remediation(), "check_failed", ctx, null);
            }
        }
        // a WARN that carries its question: the one gate asks it (whatever --pass-on-warn says; the step
        // attaches a question only when the user must decide), and goes on or stops as answered
        java.util.Set<Question> asked = new java.util.HashSet<>();
        for (CheckResult c : fresh) {
            Optional<Question> q = c.question();
            if (q.isEmpty() || !asked.add(q.get())) {
                continue; // one question shared by several WARNs is asked once
            }
            if (!services.prompter().interactive()) {
                return new Outcome(ExitCode.VALIDATION, c.id() + ": " + c.remediation(), "warn_not_accepted", ctx, null);
            }
            Question question = q.get();
            String answer = question.choices().isEmpty()
                    ? services.prompter().ask(question.key(), question.text())
                    : Prompts.choose(services.prompter(), question.key(), question.text(), question.choices(),
                            question.defaultIndex());
            if (!question.proceeds(answer)) {
                return new Outcome(ExitCode.VALIDATION, question.stopMessage().isEmpty()
                        ? "stopped at " + c.id() : question.stopMessage(), "user_abort", ctx, null);
            }
        }
        List<CheckResult> warns = fresh.stream().filter(c -> c.status() == CheckStatus.WARN && c.question().isEmpty()).toList();
        if (warns.isEmpty() || passOnWarn) {
            return null;
        }
        String ids = String.join(", ", warns.stream().map(CheckResult::id).toList());
        if (services.prompter().interactive()) {
            boolean go = Prompts.confirm(services.prompter(), "gate." + loaded.id(),
                    "Warnings from " + loaded.id() + " (" + ids + "). Continue anyway?", false);
            if (go) {
                return null;
            }
            return new Outcome(ExitCode.VALIDATION, "stopped at warnings (" + ids + ")", "warn_not_accepted", ctx,
                    null);
        }
        return new Outcome(ExitCode.VALIDATION, "warnings (" + ids + ") and --pass-on-warn not set — aborting",
                "warn_not_accepted", ctx, null);
    }

    /** Takes the cluster's lock once its name is known; why not, when another run holds it. */
    private Optional<String> lockFor(RunContext ctx) {
        if (lock == null || lock.held()) {
            return Optional.empty();
        }
        String name = ctx.get(io.daylily.ec.api.ContextKeys.CLUSTER_NAME).orElse("");
        return name.isEmpty() ? Optional.empty() : lock.acquire(name, ctx.runId(), pipelineName);
    }

    private Outcome failure(LoadedStep loaded, RunContext ctx, RuntimeException e) {
        if (e instanceof PromptRequiredException p) {
            services.events().publish(CheckResult.fail("prompt." + p.key(),
                    Map.of("reason", "prompt_required", "key", p.key(), "step", loaded.id()), p.getMessage()));
            return new Outcome(ExitCode.VALIDATION, p.getMessage(), "prompt_required", ctx, e);
        }
        DaylilyException d = Errors.find(e);
        if (d != null) {
            LOG.debug("step {} failed", loaded.id(), e);
            return new Outcome(d.exitCode(), d.getMessage(), d.reason() == null ? "step_failed" : d.reason(), ctx, e);
        }
        if (e instanceof software.amazon.awssdk.core.exception.SdkException sdk) {
            // a call the step did not catch: still worded by its kind (denied, throttled, unreachable, credentials…)
            return new Outcome(ExitCode.AWS, io.daylily.ec.support.AwsErrors.describe(sdk, "an AWS call in " + loaded.id(),
                    "the permission the error names"), "aws_operation_failed", ctx, e);
        }
        LOG.error("step {} failed unexpectedly", loaded.id(), e);
        return new Outcome(ExitCode.VALIDATION, "step " + loaded.id() + " failed unexpectedly: " + e
                + " (run with --debug for details)", "internal_error", ctx, e);
    }

    /** {@code s} with an {@code events()} that keeps every check in the runner's log before it goes to the listeners. */
    private StepServices logging(StepServices s) {
        return new LoggedServices(s, event -> {
            if (event instanceof CheckResult c) {
                checks.add(c);
            }
            s.events().publish(event);
        });
    }

    /** Publishes the run's end once; whether this call did. */
    private boolean finish(AtomicBoolean finished, String pipeline, Outcome o) {
        if (finished.compareAndSet(false, true)) {
            bus.publish(new RunFinished(pipeline, o.exitCode(), o.message(), o.reason(), o.context(), List.copyOf(checks)));
            return true;
        }
        return false;
    }

    private static boolean addHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException | SecurityException e) {
            return false;
        }
    }
}
