package io.daylily.ec.steps.pcluster;

import static io.daylily.ec.steps.pcluster.PclusterFake.exit;
import static io.daylily.ec.steps.pcluster.PclusterFake.ok;
import static io.daylily.ec.steps.pcluster.PclusterFake.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.AwsOperationException;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.ProcessResult;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.testing.ScriptedPrompter;
import io.daylily.ec.api.testing.TestServices;
import io.daylily.ec.support.pcluster.PclusterClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pcluster.monitor} (DECISIONS #18) on a clock that advances when the step sleeps. */
class MonitorStepTest {
    @TempDir
    Path dir;

    private final ScriptedPrompter prompter = ScriptedPrompter.answering();

    static final ProcessResult UNREADABLE = exit(1, "{\"message\":\"Rate exceeded\"}", "");
    static final ProcessResult COMPLETE = ok("{\"clusterStatus\":\"CREATE_COMPLETE\",\"headNode\":"
            + "{\"publicIpAddress\":\"203.0.113.7\",\"instanceId\":\"i-0abc\"}}");

    private static RunContext ctx() {
        return RunContext.empty("1").with(ContextKeys.CLUSTER_NAME, "c1").with(ContextKeys.REGION, "us-west-2");
    }

    private TestServices services(PclusterFake fake, String... env) {
        TestServices.Builder b = TestServices.builder(dir).processes(fake.runner).prompter(prompter);
        for (int i = 0; i < env.length; i += 2) {
            b.env(env[i], env[i + 1]);
        }
        return b.build();
    }

    private static ProcessResult[] times(int n, ProcessResult r) {
        return Collections.nCopies(n, r).toArray(new ProcessResult[0]);
    }

    private static ProcessResult[] seq(ProcessResult[]... parts) {
        List<ProcessResult> all = new ArrayList<>();
        for (ProcessResult[] p : parts) {
            all.addAll(List.of(p));
        }
        return all.toArray(new ProcessResult[0]);
    }

    @Test
    void itsPlaceInThePlan() {
        MonitorStep m = new MonitorStep();
        assertEquals("pcluster.monitor", m.id());
        assertEquals(Order.PCLUSTER + 40, m.order());
        assertEquals(Set.of(Pipelines.CREATE), m.pipelines());
        assertFalse(m.description().isBlank());
        assertEquals(5, MonitorStep.MAX_UNREADABLE);
    }

    @Test
    void fourUnreadablePollsThenAReadableOneGoOnAndTheCountRestarts() {
        PclusterFake fake = new PclusterFake().describe(seq(times(4, UNREADABLE), new ProcessResult[] {status("CREATE_IN_PROGRESS")},
                times(4, UNREADABLE), new ProcessResult[] {COMPLETE}));
        TestServices s = services(fake);
        RunContext out = new MonitorStep().run(ctx(), s);
        assertEquals(10, fake.count("describe-cluster"), "4 + 1 + 4 + 1 polls");
        assertEquals("CREATE_COMPLETE", out.require(ContextKeys.CLUSTER_STATUS));
        assertEquals(10, s.events().check("pcluster.monitor").details().get("polls"));
        assertEquals(9, s.clock().sleeps().size(), "a sleep between polls, none after the last");
        assertTrue(s.clock().sleeps().stream().allMatch(d -> d.equals(Duration.ofSeconds(30))), "30 s by default");
    }

    @Test
    void fiveUnreadablePollsInARowAreExit2() {
        PclusterFake fake = new PclusterFake().describe(seq(new ProcessResult[] {status("CREATE_IN_PROGRESS")}, times(5, UNREADABLE)));
        AwsOperationException e = assertThrows(AwsOperationException.class, () -> new MonitorStep().run(ctx(), services(fake)));
        assertEquals(2, e.exitCode().code());
        assertEquals(6, fake.count("describe-cluster"), "one readable poll, then five unreadable ones");
        assertTrue(e.getMessage().contains("5 times in a row (last: Rate exceeded)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("pcluster describe-cluster -n c1 --region us-west-2"), e.getMessage());
        // stderr is named when there is no JSON message
        PclusterFake raw = new PclusterFake().describe(exit(1, "", " connection reset "));
        AwsOperationException r = assertThrows(AwsOperationException.class, () -> new MonitorStep().run(ctx(), services(raw)));
        assertEquals(5, raw.count("describe-cluster"));
        assertTrue(r.getMessage().contains("(last: connection reset)"), r.getMessage());
    }

    @Test
    void aFinalStatusOtherThanCompleteIsExit2WithItsFailures() {
        PclusterFake fake = new PclusterFake().describe(status("CREATE_IN_PROGRESS"), ok("{\"clusterStatus\":\"CREATE_FAILED\",\"failures\":"
                + "[{\"failureCode\":\"HeadNodeBootstrapFailure\",\"failureReason\":\"cfn-init failed\"},"
                + "{\"failureCode\":\"X\",\"failureReason\":\"y\"}]}"));
        AwsOperationException e = assertThrows(AwsOperationException.class, () -> new MonitorStep().run(ctx(), services(fake)));
        assertEquals(2, e.exitCode().code());
        assertEquals(2, fake.count("describe-cluster"));
        assertTrue(e.getMessage().startsWith("cluster c1 ended CREATE_FAILED (HeadNodeBootstrapFailure: cfn-init failed; X: y);"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("pcluster delete-cluster -n c1 --region us-west-2"), e.getMessage());
        assertEquals("", MonitorStep.failures(PclusterClient.parse("{}")));
    }

    @Test
    void theTimeoutIsReachedAtItsMinuteNotAPollLater() {
        PclusterFake fake = new PclusterFake().describe(status("CREATE_IN_PROGRESS"));
        AwsOperationException e = assertThrows(AwsOperationException.class, () -> new MonitorStep().run(ctx(),
                services(fake, "DAYLILY_MONITOR_TIMEOUT_MINUTES", "1")));
        assertEquals(2, e.exitCode().code());
        assertEquals(3, fake.count("describe-cluster"), "polls at 0 s, 30 s and 60 s; 60 s is the timeout");
        assertTrue(e.getMessage().startsWith("cluster c1 still CREATE_IN_PROGRESS after 1 minutes"), e.getMessage());
        PclusterFake faster = new PclusterFake().describe(status("CREATE_IN_PROGRESS"));
        TestServices s = services(faster, "DAYLILY_MONITOR_TIMEOUT_MINUTES", "1", "DAYLILY_MONITOR_POLL_SECONDS", "20");
        assertThrows(AwsOperationException.class, () -> new MonitorStep().run(ctx(), s));
        assertEquals(4, faster.count("describe-cluster"), "0, 20, 40, 60 s");
        assertEquals(Duration.ofSeconds(20), s.clock().sleeps().get(0));
        AwsOperationException u = assertThrows(AwsOperationException.class, () -> new MonitorStep().run(ctx(),
                services(new PclusterFake().describe(UNREADABLE, UNREADABLE, UNREADABLE, COMPLETE), "DAYLILY_MONITOR_TIMEOUT_MINUTES", "1")));
        assertTrue(u.getMessage().startsWith("cluster c1 still unknown after 1 minutes"), u.getMessage());
    }

    @Test
    void oneLinePerStatusChangeAndAReminderEveryFiveMinutes() {
        // polls every 60 s: 0 s in progress (said), 60..240 s quiet, 300 s "still" (five minutes), 360 s quiet, 420 s complete
        PclusterFake fake = new PclusterFake().describe(seq(times(7, status("CREATE_IN_PROGRESS")), new ProcessResult[] {COMPLETE}));
        new MonitorStep().run(ctx(), services(fake, "DAYLILY_MONITOR_POLL_SECONDS", "60"));
        assertEquals(List.of("Monitoring cluster creation… this usually takes 15-60 minutes.",
                "  CREATE_IN_PROGRESS (elapsed 0:00:00)",
                "  still CREATE_IN_PROGRESS (elapsed 0:05:00)",
                "  CREATE_COMPLETE (elapsed 0:07:00)"), prompter.said());
    }

    @Test
    void aReminderIsNotDueOneSecondBeforeFiveMinutes() {
        PclusterFake fake = new PclusterFake().describe(status("CREATE_IN_PROGRESS"), status("CREATE_IN_PROGRESS"), COMPLETE);
        new MonitorStep().run(ctx(), services(fake, "DAYLILY_MONITOR_POLL_SECONDS", "299"));
        assertFalse(prompter.said().stream().anyMatch(l -> l.contains("still")), prompter.said().toString());
    }

    @Test
    void theHeadNodeGoesIntoTheContextWhenItIsKnown() {
        TestServices s = services(new PclusterFake().describe(COMPLETE));
        RunContext out = new MonitorStep().run(ctx(), s);
        assertEquals("203.0.113.7", out.require(ContextKeys.HEAD_NODE_IP));
        assertEquals("i-0abc", out.require(ContextKeys.HEAD_NODE_INSTANCE_ID));
        CheckResult c = s.events().check("pcluster.monitor");
        assertEquals("0:00:00", c.details().get("elapsed"));
        assertEquals(1, c.details().get("polls"));
        assertEquals("203.0.113.7", c.details().get("head_node_ip"));
        RunContext bare = new MonitorStep().run(ctx(), services(new PclusterFake().describe(status("CREATE_COMPLETE"))));
        assertTrue(bare.get(ContextKeys.HEAD_NODE_IP).isEmpty());
        assertTrue(bare.get(ContextKeys.HEAD_NODE_INSTANCE_ID).isEmpty());
        assertEquals("CREATE_COMPLETE", bare.require(ContextKeys.CLUSTER_STATUS));
    }

    @Test
    void elapsedIsHoursMinutesSeconds() {
        assertEquals("0:00:59", MonitorStep.elapsed(Duration.ofSeconds(59)));
        assertEquals("0:01:00", MonitorStep.elapsed(Duration.ofSeconds(60)));
        assertEquals("1:02:05", MonitorStep.elapsed(Duration.ofSeconds(3725)));
        assertEquals("12:00:00", MonitorStep.elapsed(Duration.ofHours(12)));
    }

    /** A cluster that is CREATE_COMPLETE {@code minutes} after the wait starts, in progress before. */
    private int pollsOfACreateTaking(int minutes, RunContext ctx) {
        TestServices[] holder = new TestServices[1];
        java.time.Instant[] t0 = new java.time.Instant[1];
        io.daylily.ec.api.testing.FakeProcessRunner r = new io.daylily.ec.api.testing.FakeProcessRunner().on("pcluster",
                spec -> Duration.between(t0[0], holder[0].clock().now()).compareTo(Duration.ofMinutes(minutes)) >= 0
                        ? COMPLETE : status("CREATE_IN_PROGRESS"));
        holder[0] = TestServices.builder(dir).processes(r).prompter(prompter).build();
        t0[0] = holder[0].clock().now();
        new MonitorStep().run(ctx, holder[0]);
        return r.runs().size();
    }

    @Test
    void afterThisRunsCreateTheWaitLooksLessOftenWhileCloudFormationIsEarly() {
        RunContext accepted = ctx().with(ContextKeys.CLUSTER_STATUS, "CREATE_IN_PROGRESS").with(ContextKeys.CLUSTER_CREATE_ACCEPTED, true);
        // before issue #19: a look at once and every 30 s, 0..1200 s = 41 pcluster processes for a 20-minute create
        assertEquals(41, pollsOfACreateTaking(20, ctx().with(ContextKeys.CLUSTER_STATUS, "CREATE_IN_PROGRESS")),
                "a cluster found in progress (a rerun) is looked at as before");
        int before = prompter.said().size();
        // now: 120, 240 … 600 s (5), then every 30 s to 1200 s (20)
        assertEquals(25, pollsOfACreateTaking(20, accepted));
        List<String> said = prompter.said().subList(before, prompter.said().size());
        assertEquals("  CREATE_IN_PROGRESS (elapsed 0:00:00)", said.get(1), "the accepted status is said at once");
        assertEquals(1, said.stream().filter(l -> l.startsWith("  CREATE_IN_PROGRESS")).count(), said.toString());
    }

    @Test
    void theEarlyIntervalEndsAtTenMinutes() {
        Duration poll = Duration.ofSeconds(30);
        assertEquals(Duration.ofSeconds(120), MonitorStep.intervalAt(poll, Duration.ZERO, true));
        assertEquals(Duration.ofSeconds(120), MonitorStep.intervalAt(poll, Duration.ofMinutes(10).minusSeconds(1), true));
        assertEquals(poll, MonitorStep.intervalAt(poll, Duration.ofMinutes(10), true));
        assertEquals(poll, MonitorStep.intervalAt(poll, Duration.ZERO, false));
    }

    @Test
    void aClusterAcceptedAsAnotherStatusIsLookedAtAtOnce() {
        PclusterFake fake = new PclusterFake().describe(COMPLETE);
        TestServices s = services(fake);
        new MonitorStep().run(ctx().with(ContextKeys.CLUSTER_STATUS, "CREATE_COMPLETE").with(ContextKeys.CLUSTER_CREATE_ACCEPTED, true), s);
        assertEquals(List.of(), s.clock().sleeps(), "no sleep before the first look");
    }
}
