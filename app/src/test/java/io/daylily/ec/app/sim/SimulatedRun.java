package io.daylily.ec.app.sim;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the jar-level tests that run against a simulated AWS: a fresh {@link SimulatedAws} and
 * {@link Workspace} per test, and after every test a scan of all files and output for the
 * credentials used (and for private files left readable) before the simulated AWS stops.
 */
public abstract class SimulatedRun {
    @TempDir
    protected Path dir;

    protected SimulatedAws aws;
    protected Workspace ws;

    @BeforeEach
    void startSimulatedAws() throws Exception {
        aws = new SimulatedAws(0);
        ws = new Workspace(dir);
    }

    @AfterEach
    void noSecretAnywhereAndPrivateFiles() throws Exception {
        try {
            ws.assertNoSecretsAndPrivateFiles();
        } finally {
            aws.close();
        }
    }
}
