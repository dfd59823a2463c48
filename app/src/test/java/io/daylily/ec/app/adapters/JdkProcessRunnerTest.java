package io.daylily.ec.app.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.ProcessResult;
import io.daylily.ec.api.ProcessSpec;
import io.daylily.ec.api.ToolchainException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdkProcessRunnerTest {
    @TempDir
    Path dir;

    private Path script(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    @Test
    void capturesBothStreamsExitCodeEnvAndArgv() throws Exception {
        Path s = script("tool", "echo \"out:$1:$2:$DEMO_VAR\"; echo err-line >&2; exit 3");
        ProcessResult r = new JdkProcessRunner().run(new ProcessSpec(List.of(s.toString(), "a b", "$(rm -rf x)"),
                Map.of("DEMO_VAR", "v1"), dir, Duration.ofSeconds(20), null));
        assertEquals(3, r.exitCode());
        assertEquals("out:a b:$(rm -rf x):v1\n", r.stdout(), "argv reaches the program verbatim, no shell");
        assertEquals("err-line\n", r.stderr());
        assertFalse(r.timedOut());
        assertFalse(r.ok());
    }

    @Test
    void largeOutputOnBothStreamsDoesNotDeadlock() throws Exception {
        Path s = script("noisy", "i=0; while [ $i -lt 2000 ]; do echo 0123456789012345678901234567890123456789; "
                + "echo 0123456789012345678901234567890123456789 >&2; i=$((i+1)); done");
        ProcessResult r = new JdkProcessRunner().run(ProcessSpec.of(s.toString()).withTimeout(Duration.ofSeconds(60)));
        assertEquals(0, r.exitCode());
        assertEquals(2000 * 41, r.stdout().length());
        assertEquals(2000 * 41, r.stderr().length());
    }

    @Test
    void timeoutDestroysTheChild() throws Exception {
        Path s = script("hang", "echo started; sleep 30");
        ProcessResult r = new JdkProcessRunner().run(ProcessSpec.of(s.toString()).withTimeout(Duration.ofMillis(500)));
        assertTrue(r.timedOut());
        assertEquals(-1, r.exitCode());
        assertTrue(r.elapsed().compareTo(Duration.ofSeconds(20)) < 0, "killed, not waited out: " + r.elapsed());
    }

    @Test
    void stdinIsDelivered() throws Exception {
        Path s = script("cat-it", "cat");
        ProcessResult r = new JdkProcessRunner().run(ProcessSpec.of(s.toString()).withStdin("payload\n"));
        assertEquals("payload\n", r.stdout());
    }

    @Test
    void missingProgramIsAToolchainError() {
        ToolchainException e = assertThrows(ToolchainException.class,
                () -> new JdkProcessRunner().run(ProcessSpec.of("daylily-no-such-program-xyz", "version")));
        assertEquals(4, e.exitCode().code());
        assertTrue(e.getMessage().contains("daylily-no-such-program-xyz"), e.getMessage());
    }

    @Test
    void secretsAreRedacted() {
        assertEquals(List.of("tool", "--token=***", "--name=x"),
                JdkProcessRunner.redactArgv(List.of("tool", "--token=abc123", "--name=x")));
        Map<String, String> env = JdkProcessRunner.redactEnv(Map.of("AWS_SECRET_ACCESS_KEY", "s",
                "AWS_SESSION_TOKEN", "t", "AWS_PROFILE", "lab"));
        assertEquals("***", env.get("AWS_SECRET_ACCESS_KEY"));
        assertEquals("***", env.get("AWS_SESSION_TOKEN"));
        assertEquals("lab", env.get("AWS_PROFILE"));
    }
}
