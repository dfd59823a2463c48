package io.daylily.ec.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.AwsOperationException;
import io.daylily.ec.api.ContextKey;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.Prompter;
import io.daylily.ec.api.Prompts;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.RunListener;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.event.RunFinished;
import io.daylily.ec.api.event.StepStarted;
import io.daylily.ec.api.testing.ScriptedPrompter;
import io.daylily.ec.api.testing.TestServices;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineRunnerTest {
    private static final ContextKey<String> SEEN = ContextKey.of("seen", String.class);

    @TempDir
    Path dir;

    private final List<String> ran = new ArrayList<>();
    private final List<RunFinished> finished = new ArrayList<>();
    private final List<Boolean> guardStates = new ArrayList<>();

    private PipelineRunner.Outcome run(List<FakeStep> steps, Prompter prompter, boolean passOnWarn,
                                       RunListener... extra) {
        List<RunListener> listeners = new ArrayList<>(List.of(extra));
        listeners.add(new RunListener() {
            @Override
            public void onStepStarted(StepStarted e) {
                ran.add(e.stepId());
            }

            @Override
            public void onRunFinished(RunFinished e) {
                finished.add(e);
            }
        });
        EventBusPublisher bus = new EventBusPublisher(listeners);
        TestServices services = TestServices.builder(dir).prompter(prompter).build();
        return new PipelineRunner(bus, new LoggedServices(services, bus), guardStates::add, passOnWarn)
                .run("create", steps.stream().map(FakeStep::loaded).toList(), RunContext.empty("20260211120000"));
    }

    private static FakeStep checking(String id, int order, CheckResult result) {
        return FakeStep.of(id, order, (c, s) -> {
            s.events().check(result);
            return c.with(SEEN, id);
        });
    }

    private static FakeStep plain(String id, int order) {
        return FakeStep.of(id, order, (c, s) -> c.with(SEEN, id));
    }

    @Test
    void failStopsLaterSteps() {
        PipelineRunner.Outcome o = run(List.of(plain("one", 200),
                checking("two", 210, CheckResult.fail("quota.spot_vcpu", Map.of(), "raise the quota")),
                plain("three", 300)), ScriptedPrompter.nonInteractive(), false);
        assertEquals(ExitCode.VALIDATION, o.exitCode());
        assertEquals("check_failed", o.reason());
        assertEquals(List.of("one", "two"), ran);
        assertEquals(1, finished.size());
        assertEquals(ExitCode.VALIDATION, finished.get(0).exitCode());
        assertEquals(1, finished.get(0).checks().size());
    }

    /** A step ends the run through the result it returns (issue #15), not an exception carrying exit 0 or 3. */
    @Test
    void aReturnedStopEndsTheRunWithItsCodeReasonAndMessage() {
        PipelineRunner.Outcome o = run(List.of(plain("one", 200),
                FakeStep.of("dry", 510, (c, s) -> io.daylily.ec.api.Stop.after(c.with(SEEN, "dry"), ExitCode.OK, "day_break",
                        "stopping after the dry run")),
                plain("never", 520)), ScriptedPrompter.nonInteractive(), false);
        assertEquals(ExitCode.OK, o.exitCode());
        assertEquals("day_break", o.reason());
        assertEquals("stopping after the dry run", o.message());
        assertEquals(List.of("one", "dry"), ran, "nothing after the stop runs");
        assertEquals("dry", o.context().require(SEEN), "the context the step returned is kept");
        assertTrue(io.daylily.ec.api.Stop.in(o.context()).isEmpty(), "the marker itself is not carried on");
        assertEquals(ExitCode.OK, finished.get(0).exitCode());
        assertEquals("day_break", finished.get(0).reason());
    }

    @Test
    void aClusterAnotherRunHoldsStopsTheRunBeforeTheNextStepAndItsOwnLockIsReleasedAtTheEnd() throws Exception {
        FakeStep names = FakeStep.of("config.values", 110, (c, s) -> c.with(io.daylily.ec.api.ContextKeys.CLUSTER_NAME, "lab"));
        EventBusPublisher bus = new EventBusPublisher(List.of());
        TestServices services = TestServices.builder(dir).build();
        try (ClusterLock other = new ClusterLock(dir)) {
            other.acquire("lab", "20260211115959", "create");
            ClusterLock mine = new ClusterLock(dir);
            PipelineRunner.Outcome o = new PipelineRunner(bus, new LoggedServices(services, bus), guardStates::add, false)
                    .withLock(mine).run("create", List.of(names.loaded(), plain("infra", 300).loaded()), RunContext.empty("20260211120000"));
            assertEquals(ExitCode.VALIDATION, o.exitCode());
            assertEquals("cluster_locked", o.reason());
            assertTrue(o.message().startsWith("cluster lab is being changed by another run (run 20260211115959, create, pid "), o.message());
            assertTrue(o.context().get(SEEN).isEmpty(), "the step after the name never ran");
            assertFalse(mine.held());
        }
        ClusterLock free = new ClusterLock(dir);
        PipelineRunner.Outcome ok = new PipelineRunner(bus, new LoggedServices(services, bus), guardStates::add, false)
                .withLock(free).run("create", List.of(names.loaded(), plain("infra", 300).loaded()), RunContext.empty("20260211120001"));
        assertEquals(ExitCode.OK, ok.exitCode());
        assertFalse(free.held(), "released when the run ends");
        assertEquals(java.util.Optional.of("lab"), free.cluster(), "it was held for the cluster the run named");
    }

    @Test
    void anAwsErrorNoStepCaughtIsExitTwoWordedByItsKind() {
        software.amazon.awssdk.core.exception.SdkException throttled = software.amazon.awssdk.services.sts.model.StsException.builder()
                .message("Rate exceeded").statusCode(400).requestId("req-1")
                .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder().errorCode("Throttling")
                        .errorMessage("Rate exceeded").build()).build();
        PipelineRunner.Outcome o = run(List.of(FakeStep.of("infra.x", 400, (c, s) -> {
            throw throttled;
        }), plain("never", 410)), ScriptedPrompter.nonInteractive(), false);
        assertEquals(ExitCode.AWS, o.exitCode());
        assertEquals("aws_operation_failed", o.reason());
        assertEquals("an AWS call in infra.x was throttled by AWS, still after the retries (Throttling: Rate exceeded;"
                + " request id req-1); run again in a minute", o.message());
        assertEquals(List.of("infra.x"), ran, "nothing after it runs");
    }

    @Test
    void aFailBecauseAnAwsCallFailedIsExitTwoByItsFieldNotByItsDetails() {
        PipelineRunner.Outcome aws = run(List.of(checking("a", 200, CheckResult.fail("aws.identity", Map.of(), "denied")
                .withAwsError("access_denied"))), ScriptedPrompter.nonInteractive(), false);
        assertEquals(ExitCode.AWS, aws.exitCode());
        PipelineRunner.Outcome lookalike = run(List.of(checking("b", 200, CheckResult.fail("x.y", Map.of("aws_error", "access_denied"),
                "a detail is not a verdict"))), ScriptedPrompter.nonInteractive(), false);
        assertEquals(ExitCode.VALIDATION, lookalike.exitCode(), "issue #28: the gate reads the field, not a details key");
    }

    @Test
    void aFailCheckOutranksAStopFromTheSameStep() {
        PipelineRunner.Outcome o = run(List.of(FakeStep.of("drift", 610, (c, s) -> {
            s.events().check(CheckResult.fail("x", Map.of(), "fix x"));
            return io.daylily.ec.api.Stop.after(c, ExitCode.DRIFT, "drift", "Drift detected.");
        })), ScriptedPrompter.nonInteractive(), false);
        assertEquals(ExitCode.VALIDATION, o.exitCode());
        assertEquals("check_failed", o.reason());
    }

    @Test
    void warnStopsWithoutPassOnWarn() {
        PipelineRunner.Outcome o = run(List.of(checking("w", 200, CheckResult.warn("quota.vpcs", Map.of(), "low")),
                plain("after", 210)), ScriptedPrompter.nonInteractive(), false);
        assertEquals(ExitCode.VALIDATION, o.exitCode());
        assertEquals("warn_not_accepted", o.reason());
        assertEquals(List.of("w"), ran);
    }

    @Test
    void warnContinuesWithPassOnWarn() {
        PipelineRunner.Outcome o = run(List.of(checking("w", 200, CheckResult.warn("quota.vpcs", Map.of(), "low")),
                plain("after", 210)), ScriptedPrompter.nonInteractive(), true);
        assertEquals(ExitCode.OK, o.exitCode());
        assertEquals(List.of("w", "after"), ran);
        assertEquals("after", o.context().require(SEEN));
    }

    private static final io.daylily.ec.api.event.Question MENU = io.daylily.ec.api.event.Question.menu("iam.policies",
            "Proceed without the policies?", List.of("Proceed anyway", "Exit"), "Proceed anyway", 1, "stopped: policies missing");

    /** A step's question is asked by the one gate: once for all the WARNs that share it, and answered as asked. */
    @Test
    void theGateAsksAStepsQuestionOnceAndGoesOnWhenTheAnswerSaysSo() {
        ScriptedPrompter p = ScriptedPrompter.answering("1");
        PipelineRunner.Outcome o = run(List.of(FakeStep.of("iam", 220, (c, s) -> {
            s.events().check(CheckResult.warnAsking("iam.policy.global", Map.of(), "attach it", MENU));
            s.events().check(CheckResult.warnAsking("iam.policy.regional", Map.of(), "attach it", MENU));
            return c;
        }), plain("after", 240)), p, false);
        assertEquals(ExitCode.OK, o.exitCode());
        assertEquals(List.of("iam", "after"), ran);
        assertEquals(1, p.questions().size(), "asked once: " + p.questions());
        assertTrue(p.questions().get(0).contains("Proceed without the policies?"), p.questions().toString());
    }

    @Test
    void anAnswerThatStopsEndsTheRunWithTheStepsMessage() {
        PipelineRunner.Outcome o = run(List.of(checking("iam", 220, CheckResult.warnAsking("iam.policy.global", Map.of(),
                "attach it", MENU)), plain("after", 240)), ScriptedPrompter.answering(""), false);
        assertEquals(ExitCode.VALIDATION, o.exitCode());
        assertEquals("user_abort", o.reason());
        assertEquals("stopped: policies missing", o.message());
        assertEquals(List.of("iam"), ran);
        io.daylily.ec.api.event.Question enter = io.daylily.ec.api.event.Question.enterContinues("quota.spot_vcpu",
                "Press Enter to continue: ", "stopped at the quota");
        assertEquals(ExitCode.OK, run(List.of(checking("q", 230, CheckResult.warnAsking("quota.spot_vcpu", Map.of(), "low",
                enter))), ScriptedPrompter.answering(""), false).exitCode(), "Enter goes on");
        assertEquals("stopped at the quota", run(List.of(checking("q", 230, CheckResult.warnAsking("quota.spot_vcpu", Map.of(),
                "low", enter))), ScriptedPrompter.answering("n"), true).message(), "asked and stopped even with --pass-on-warn");
    }

    @Test
    void aQuestionWithNobodyToAskStopsTheRun() {
        PipelineRunner.Outcome o = run(List.of(checking("iam", 220, CheckResult.warnAsking("iam.policy.global", Map.of(),
                "attach it", MENU)), plain("after", 240)), ScriptedPrompter.nonInteractive(), true);
        assertEquals(ExitCode.VALIDATION, o.exitCode());
        assertEquals("warn_not_accepted", o.reason());
        assertEquals("iam.policy.global: attach it", o.message());
    }

    @Test
    void interactiveUserDecidesOnWarn() {
        ScriptedPrompter yes = ScriptedPrompter.answering("y");
        assertEquals(ExitCode.OK, run(List.of(checking("w", 200, CheckResult.warn("x", Map.of(), "r")),
                plain("after", 210)), yes, false).exitCode());
        assertTrue(yes.questions().get(0).contains("Continue anyway?"));

        ran.clear();
        PipelineRunner.Outcome no = run(List.of(checking("w", 200, CheckResult.warn("x", Map.of(), "r")),
                plain("after", 210)), ScriptedPrompter.answering("n"), false);
        assertEquals("warn_not_accepted", no.reason());
        assertEquals(List.of("w"), ran);
    }

    @Test
    void promptInNonInteractiveRunIsAFailCheckWithReason() {
        FakeStep asks = FakeStep.of("config.values", 110, (c, s) -> {
            Prompts.askValid(s.prompter(), "budget_email", "Budget email", "", v -> java.util.Optional.empty());
            return c;
        });
        List<CheckResult> seen = new ArrayList<>();
        PipelineRunner.Outcome o = run(List.of(asks, plain("after", 200)), ScriptedPrompter.nonInteractive(), false,
                new RunListener() {
                    @Override
                    public void onCheck(CheckResult c) {
                        seen.add(c);
                    }
                });
        assertEquals(ExitCode.VALIDATION, o.exitCode());
        assertEquals("prompt_required", o.reason());
        assertEquals("prompt.budget_email", seen.get(0).id());
        assertEquals(CheckStatus.FAIL, seen.get(0).status());
        assertEquals("prompt_required", seen.get(0).details().get("reason"));
        assertEquals(List.of("config.values"), ran);
    }

    @Test
    void stepExceptionCarriesItsExitCode() {
        PipelineRunner.Outcome o = run(List.of(FakeStep.of("infra.network", 300, (c, s) -> {
            throw new AwsOperationException("CreateStack failed: AccessDenied");
        }), plain("later", 310)), ScriptedPrompter.nonInteractive(), false);
        assertEquals(ExitCode.AWS, o.exitCode());
        assertTrue(o.message().contains("AccessDenied"));
        assertEquals(List.of("infra.network"), ran);
        assertEquals(ExitCode.AWS, finished.get(0).exitCode());
    }

    @Test
    void nullOrForeignContextIsRejected() {
        assertEquals(ExitCode.VALIDATION, run(List.of(FakeStep.of("bad", 100, (c, s) -> null)),
                ScriptedPrompter.nonInteractive(), false).exitCode());
        PipelineRunner.Outcome o = run(List.of(FakeStep.of("bad2", 100, (c, s) -> RunContext.empty("other"))),
                ScriptedPrompter.nonInteractive(), false);
        assertTrue(o.message().contains("another run"), o.message());
    }

    @Test
    void writesAreClosedForStepsThatDoNotDeclareThemWhateverTheirOrder() {
        run(List.of(plain("pre", 200), plain("infra", 300)), ScriptedPrompter.nonInteractive(), false);
        // closed at the start, for each step and after it, and at the end (issue #28: no write is guessed from an order)
        assertEquals(List.of(true, true, true, true, true, true), guardStates);
    }

    @Test
    void throwingListenerDoesNotStopTheRunAndIsReported() {
        RunListener bad = new RunListener() {
            @Override
            public void onStepStarted(StepStarted e) {
                throw new IllegalStateException("listener boom");
            }
        };
        List<RunListener> listeners = List.of(bad, new RunListener() {
            @Override
            public void onStepStarted(StepStarted e) {
                ran.add(e.stepId());
            }
        });
        EventBusPublisher bus = new EventBusPublisher(listeners);
        TestServices services = TestServices.builder(dir).build();
        PipelineRunner.Outcome o = new PipelineRunner(bus, new LoggedServices(services, bus), MutationGuard.NONE,
                false).run("create", List.of(plain("a", 100).loaded(), plain("b", 110).loaded()),
                RunContext.empty("1"));
        assertEquals(ExitCode.OK, o.exitCode());
        assertEquals(List.of("a", "b"), ran);
        assertEquals(2, bus.listenerFailures().size());
        assertTrue(bus.listenerFailures().get(0).contains("listener boom"));
        assertFalse(bus.listenerFailures().get(0).isEmpty());
    }
}
