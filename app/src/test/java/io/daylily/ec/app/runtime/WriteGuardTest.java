package io.daylily.ec.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.ProcessResult;
import io.daylily.ec.api.ProcessSpec;
import io.daylily.ec.api.ResourceStep;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.plan.Plan;
import io.daylily.ec.api.plan.PlannedChange;
import io.daylily.ec.api.plan.PlannedChange.Action;
import io.daylily.ec.api.testing.TestServices;
import io.daylily.ec.support.pcluster.PclusterClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #28: the runtime opens AWS writes only inside a resource step's apply (or a plain step that declares it
 * writes) of a pipeline that writes; everywhere else a write is refused, whatever the step says of itself.
 */
class WriteGuardTest {
    @TempDir
    Path dir;

    /** Stands in for the SDK adapter: a write while the guard is closed is refused as the adapter refuses it. */
    static final class Aws implements MutationGuard {
        volatile boolean readOnly;
        final List<String> writes = new ArrayList<>();

        @Override
        public void readOnly(boolean value) {
            readOnly = value;
        }

        void write(String op) {
            if (readOnly) {
                throw new DaylilyException(ExitCode.VALIDATION, "refused mutating AWS operation " + op, "mutation_refused", null);
            }
            writes.add(op);
        }
    }

    private final Aws aws = new Aws();
    private final List<String> phases = new ArrayList<>();

    /** A resource step whose inspect runs {@code inspect} and whose apply writes {@code CreateThing}. */
    private final class Thing implements ResourceStep<String> {
        private final BiConsumer<RunContext, StepServices> inspect;

        Thing(BiConsumer<RunContext, StepServices> inspect) {
            this.inspect = inspect;
        }

        @Override
        public String id() {
            return "infra.thing";
        }

        @Override
        public int order() {
            return 300;
        }

        @Override
        public Set<String> pipelines() {
            return Set.of(Pipelines.CREATE);
        }

        @Override
        public String inspect(RunContext ctx, StepServices s) {
            phases.add("inspect");
            inspect.accept(ctx, s);
            return "missing";
        }

        @Override
        public List<PlannedChange> describe(String decision) {
            phases.add("describe");
            return List.of(PlannedChange.of("thing", "t1", Action.CREATE).with("found", decision));
        }

        @Override
        public RunContext apply(String decision, RunContext ctx, StepServices s) {
            phases.add("apply");
            aws.write("CreateThing");
            return ctx;
        }
    }

    private PipelineRunner.Outcome run(String pipeline, io.daylily.ec.api.Step... steps) {
        EventBusPublisher bus = new EventBusPublisher(List.of());
        TestServices services = TestServices.builder(dir).build();
        return new PipelineRunner(bus, new LoggedServices(services, bus), aws, false)
                .run(pipeline, java.util.Arrays.stream(steps).map(s -> new LoadedStep(s, "test")).toList(), RunContext.empty("1"));
    }

    @Test
    void aCreateAppliesWhatItsInspectDecidedWithWritesOpenOnlyInTheApply() {
        PipelineRunner.Outcome o = run(Pipelines.CREATE, new Thing((c, s) -> { }));
        assertEquals(ExitCode.OK, o.exitCode(), o.message());
        assertEquals(List.of("inspect", "apply"), phases);
        assertEquals(List.of("CreateThing"), aws.writes);
        assertTrue(aws.readOnly, "closed again after the step and at the end of the run");
    }

    @Test
    void aWriteInAnInspectIsRefused() {
        PipelineRunner.Outcome o = run(Pipelines.CREATE, new Thing((c, s) -> aws.write("PutSomething")));
        assertEquals(ExitCode.VALIDATION, o.exitCode());
        assertEquals("mutation_refused", o.reason());
        assertEquals(List.of(), aws.writes);
        assertEquals(List.of("inspect"), phases, "no apply after a refused inspect");
    }

    @Test
    void aPlanRunsInspectAndDescribeOfTheSameStepAndNeverItsApply() {
        PipelineRunner.Outcome o = run(Pipelines.PLAN, new Thing((c, s) -> { }));
        assertEquals(ExitCode.OK, o.exitCode(), o.message());
        assertEquals(List.of("inspect", "describe"), phases);
        assertEquals(List.of(PlannedChange.of("thing", "t1", Action.CREATE).with("found", "missing")), Plan.of(o.context()).changes());
        assertEquals(List.of(), aws.writes);
    }

    @Test
    void aFailInTheInspectStopsTheRunBeforeTheApply() {
        PipelineRunner.Outcome o = run(Pipelines.CREATE, new Thing((c, s) -> s.events().check(CheckResult.fail("infra.thing", Map.of(), "no"))));
        assertEquals(ExitCode.VALIDATION, o.exitCode());
        assertEquals("check_failed", o.reason());
        assertEquals(List.of("inspect"), phases);
        assertEquals(List.of(), aws.writes);
    }

    @Test
    void aPlainStepWritesOnlyWhenItSaysSoAndNeverInAReadOnlyPipeline() {
        FakeStep silent = FakeStep.of("post.silent", 600, (c, s) -> {
            aws.write("PutSilently");
            return c;
        });
        assertFalse(silent.mutatesAws(), "not writing is the default, whatever the order");
        assertEquals("mutation_refused", run(Pipelines.CREATE, silent).reason());

        io.daylily.ec.api.Step declared = new FakeStep("post.declared", 600, Set.of(Pipelines.CREATE, Pipelines.PLAN), (c, s) -> {
            aws.write("PutDeclared");
            return c;
        });
        assertEquals(ExitCode.OK, run(Pipelines.CREATE, declaring(declared)).exitCode());
        assertEquals(List.of("PutDeclared"), aws.writes);
        assertEquals("mutation_refused", run(Pipelines.PLAN, declaring(declared)).reason(), "a plan writes nothing, even for a step that says it may");
        assertEquals(List.of("PutDeclared"), aws.writes);
    }

    private static io.daylily.ec.api.Step declaring(io.daylily.ec.api.Step s) {
        return new io.daylily.ec.api.Step() {
            @Override
            public String id() {
                return s.id();
            }

            @Override
            public int order() {
                return s.order();
            }

            @Override
            public Set<String> pipelines() {
                return s.pipelines();
            }

            @Override
            public boolean mutatesAws() {
                return true;
            }

            @Override
            public RunContext run(RunContext context, StepServices services) {
                return s.run(context, services);
            }
        };
    }

    @Test
    void aPclusterCommandThatChangesAwsIsRefusedWhileWritesAreClosedAndADryRunIsNot() {
        List<List<String>> started = new ArrayList<>();
        GuardedProcessRunner runner = new GuardedProcessRunner(spec -> {
            started.add(spec.argv());
            return new ProcessResult(0, "{}", "", java.time.Duration.ZERO, false);
        });
        List<String> create = PclusterClient.createArgs("c1", "c.yaml", "us-west-2", false);
        List<String> dry = PclusterClient.createArgs("c1", "c.yaml", "us-west-2", true);
        runner.readOnly(true);
        ProcessSpec creating = ProcessSpec.of(create).changingAws();
        DaylilyException e = assertThrows(DaylilyException.class, () -> runner.run(creating));
        assertEquals("mutation_refused", e.reason());
        runner.run(ProcessSpec.of(dry));
        assertEquals(List.of(dry), started, "the dry run ran; the create never started");
        runner.readOnly(false);
        runner.run(creating);
        assertEquals(List.of(dry, create), started);
    }

    /** A step that records when its reads were started and when it ran. */
    private io.daylily.ec.api.Step reading(String id, int order, List<String> log) {
        return new io.daylily.ec.api.Step() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public int order() {
                return order;
            }

            @Override
            public Set<String> pipelines() {
                return Set.of(Pipelines.CREATE);
            }

            @Override
            public void startReads(RunContext ctx, StepServices s) {
                log.add("reads " + id + (aws.readOnly ? "" : " (writes open!)"));
                if (id.equals("broken")) {
                    throw new IllegalStateException("cannot start");
                }
            }

            @Override
            public RunContext run(RunContext ctx, StepServices s) {
                log.add("run " + id);
                return ctx;
            }
        };
    }

    @Test
    void theRuntimeStartsEveryLaterStepsReadsOnceAfterTheToolchainGateWithWritesClosed() {
        List<String> log = new ArrayList<>();
        EventBusPublisher bus = new EventBusPublisher(List.of());
        TestServices services = TestServices.builder(dir).lookups(io.daylily.ec.support.lookup.SharedLookups::forEnv).build();
        PipelineRunner.Outcome o = new PipelineRunner(bus, new LoggedServices(services, bus), aws, false).run(Pipelines.CREATE,
                java.util.stream.Stream.of(reading("config", 100, log), reading("toolchain", 200, log), reading("identity", 210, log),
                        reading("broken", 220, log), reading("create", 530, log)).map(s -> new LoadedStep(s, "test")).toList(),
                RunContext.empty("1"));
        assertEquals(ExitCode.OK, o.exitCode(), o.message());
        assertEquals(List.of("run config", "run toolchain", "reads identity", "reads broken", "reads create", "run identity",
                "run broken", "run create"), log, "after the toolchain gate, before the identity; one that cannot start is left to its run");

        List<String> sequential = new ArrayList<>();
        TestServices one = TestServices.builder(dir).lookups(env -> io.daylily.ec.support.lookup.SharedLookups.forEnv(
                Map.of("DAYLILY_SEQUENTIAL", "1"))).build();
        new PipelineRunner(bus, new LoggedServices(one, bus), aws, false).run(Pipelines.CREATE,
                List.of(new LoadedStep(reading("identity", 210, sequential), "test")), RunContext.empty("2"));
        assertEquals(List.of("run identity"), sequential, "DAYLILY_SEQUENTIAL=1: nothing ahead");
    }
}
