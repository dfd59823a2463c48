package io.daylily.ec.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.app.sim.SimulatedAws;
import io.daylily.ec.app.sim.StatefulBudgets;
import io.daylily.ec.app.sim.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #17's convergence at the jar level: the simulated account remembers the budgets, alerts,
 * subscribers and tags file it was given; a create whose Nth AWS write is denied is rerun, and the
 * rerun must exit 0 with the account exactly as an uninterrupted create leaves it, and a third run
 * must write nothing. The writes of a create on this account: CreateBudget (global), four
 * CreateNotification, CreateBudget (cluster), one CreateNotification, the tags file's PUT.
 */
class ConvergenceIT {
    static final int WRITES = 8;

    @TempDir
    Path dir;

    @TempDir
    static Path shared;

    /** The uninterrupted create's account, made once for all cases. */
    private static String expected;

    private static Workspace.Result create(Workspace ws, SimulatedAws aws) throws Exception {
        return ws.run(Workspace.jar(), ws.env(aws.endpoint()), "--json", "create", "--region-az", "us-west-2b", "--non-interactive",
                "--config", ws.config.toString());
    }

    private static synchronized String uninterrupted() throws Exception {
        if (expected != null) {
            return expected;
        }
        StatefulBudgets account = new StatefulBudgets();
        Path d = Files.createDirectories(shared.resolve("uninterrupted"));
        try (SimulatedAws aws = new SimulatedAws(0, account)) {
            Workspace ws = new Workspace(d);
            Workspace.Result r = create(ws, aws);
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals(WRITES, account.writes(), account.snapshot());
            expected = account.snapshot();
            return expected;
        }
    }

    @ParameterizedTest(name = "write {0} denied, then a rerun")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    void aCreateStoppedAtAnyWriteIsFinishedByTheRerun(int at) throws Exception {
        String uninterrupted = uninterrupted();
        StatefulBudgets account = new StatefulBudgets();
        Path d = Files.createDirectories(dir.resolve("faulted"));
        try (SimulatedAws aws = new SimulatedAws(0, account)) {
            Workspace ws = new Workspace(d);
            account.denyWrite(at);
            Workspace.Result first = create(ws, aws);
            // a denied budget or tags file ends the run (exit 2); a denied alert is a warning (exit 0)
            assertTrue(List.of(0, 2).contains(first.exitCode()), first.stderr());
            assertTrue(first.stderr().contains("denied by the test") || first.stderr().contains("AccessDenied"), first.stderr());
            Workspace.Result rerun = create(ws, aws);
            assertEquals(0, rerun.exitCode(), rerun.stderr());
            assertEquals(uninterrupted, account.snapshot(), "the rerun ends where an uninterrupted create does");
            int before = account.writes();
            Workspace.Result third = create(ws, aws);
            assertEquals(0, third.exitCode(), third.stderr());
            assertEquals(before, account.writes(), "a third run writes nothing: " + account.snapshot());
            ws.assertNoSecretsAndPrivateFiles();
        }
    }
}
