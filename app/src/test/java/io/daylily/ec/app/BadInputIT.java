package io.daylily.ec.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.app.sim.SimulatedAws;
import io.daylily.ec.app.sim.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input through the real jar: exit 1, one clear line, no stack trace, no file damaged, nothing sent to AWS. */
class BadInputIT {
    static SimulatedAws aws;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        aws = new SimulatedAws(0);
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    static Stream<org.junit.jupiter.api.Named<Path>> corpus() throws Exception {
        return Files.list(Path.of("../steps-config/src/test/resources/corpus")).sorted()
                .map(p -> org.junit.jupiter.api.Named.of("config " + p.getFileName(), p));
    }

    private void assertClean(Workspace.Result r, String what) {
        assertEquals(1, r.exitCode(), what + ": " + r.stderr());
        assertFalse(r.stderr().contains("Exception"), what + ": " + r.stderr());
        assertFalse(r.stderr().contains("\tat "), what + ": " + r.stderr());
        assertTrue(r.stderr().lines().anyMatch(l -> l.startsWith("✗ ") || l.startsWith("daylily-ec: ")), what + ": " + r.stderr());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyMalformedConfig(Path source) throws Exception {
        Workspace ws = new Workspace(dir);
        Path f = dir.resolve(source.getFileName());
        Files.copy(source, f);
        byte[] before = Files.readAllBytes(f);
        aws.server().resetRequests();
        Workspace.Result r = ws.run(Workspace.jar(), ws.env(aws.endpoint()), "create", "--non-interactive", "--config", f.toString(),
                "--region-az", "us-west-2b");
        assertClean(r, source.getFileName().toString());
        assertArrayEquals(before, Files.readAllBytes(f), "file unchanged");
        assertEquals(0, aws.requestCount(), "nothing sent to AWS");
    }

    static Stream<org.junit.jupiter.api.Named<List<String>>> badFlags() {
        return Stream.<List<String>>of(
                List.of("create", "--region-az", "us-west-2"),
                List.of("create", "--region-az", "a"),
                List.of("create", "--region-az", ""),
                List.of("create"),
                List.of("create", "--region-az", "us-west-2b", "--repo-override", "no-colon"),
                List.of("create", "--region-az", "us-west-2b", "--config", "/does/not/exist.yaml", "--non-interactive"),
                List.of("create", "--region-az", "us-west-2b", "--bogus"),
                List.of("preflight", "--region-az", "us-west-2b", "--plugins", "/does/not/exist"),
                List.of("nonsense-command"),
                List.of("step", "run", "no.such.step"),
                // a region that does not exist, upper case, a path, a line break: refused before AWS is asked
                List.of("create", "--region-az", "xx-east-9z", "--non-interactive"),
                List.of("create", "--region-az", "US-WEST-2B", "--non-interactive"),
                List.of("preflight", "--region-az", "../../etc/b", "--non-interactive"),
                List.of("preflight", "--region-az", "us-west-2\nb", "--non-interactive"),
                List.of("infra", "ensure-network", "--region-az", "us-weest-2b", "--non-interactive"))
                .map(a -> org.junit.jupiter.api.Named.of("daylily-ec " + String.join(" ", a), a));
    }

    static Stream<org.junit.jupiter.api.Named<List<String>>> badSettings() {
        return Stream.<List<String>>of(
                List.of("DAYLILY_MONITOR_POLL_SECONDS", "abc"),
                List.of("DAYLILY_MONITOR_POLL_SECONDS", "-5"),
                List.of("DAYLILY_MONITOR_POLL_SECONDS", ""),
                List.of("DAYLILY_MONITOR_TIMEOUT_MINUTES", "1441"),
                List.of("DAYLILY_SPOT_BUMP", "abc"),
                List.of("DAYLILY_SPOT_BUMP", "-1"),
                List.of("DAYLILY_PCLUSTER_TIMEOUT_SECONDS", "10s")).map(a -> org.junit.jupiter.api.Named.of(a.get(0) + "=" + a.get(1), a));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void aNumericSettingThatDoesNotParseIsRefusedBeforeAnythingIsSent(List<String> setting) throws Exception {
        Workspace ws = new Workspace(dir);
        aws.server().resetRequests();
        java.util.Map<String, String> env = new java.util.HashMap<>(ws.env(aws.endpoint()));
        env.put(setting.get(0), setting.get(1));
        Workspace.Result r = ws.run(Workspace.jar(), env, "create", "--region-az", "us-west-2b", "--non-interactive");
        assertClean(r, String.join("=", setting));
        assertTrue(r.stderr().contains(setting.get(0) + "='" + setting.get(1) + "'"), r.stderr());
        assertEquals(1, r.stderr().lines().count(), "one line: " + r.stderr());
        assertEquals(0, aws.requestCount(), "nothing sent to AWS");
    }

    @ParameterizedTest(name = "config directory {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"a-file", "/proc/self"})
    void aConfigDirectoryThatCannotHoldTheFilesIsRefusedBeforeAnythingIsSent(String where) throws Exception {
        Workspace ws = new Workspace(dir);
        aws.server().resetRequests();
        Path target = where.startsWith("/") ? Path.of(where) : Files.writeString(dir.resolve(where), "keep me");
        java.util.Map<String, String> env = new java.util.HashMap<>(ws.env(aws.endpoint()));
        env.put("DAYLILY_CONFIG_DIR", target.toString());
        for (String command : new String[] {"create", "preflight"}) {
            Workspace.Result r = ws.run(Workspace.jar(), env, command, "--region-az", "us-west-2b", "--non-interactive");
            assertClean(r, command + " with " + where);
            assertTrue(r.stderr().contains("config directory " + target), r.stderr());
            assertTrue(r.stderr().lines().count() <= 2, "a line or two, no stack trace: " + r.stderr());
        }
        assertEquals(0, aws.requestCount(), "nothing sent to AWS");
        if (!where.startsWith("/")) {
            assertEquals("keep me", Files.readString(target));
        }
    }

    @org.junit.jupiter.api.Test
    void aDebugRunCreatesTheConfigDirectoryPrivate() throws Exception {
        Workspace ws = new Workspace(dir);
        Path fresh = dir.resolve("new-config-dir");
        java.util.Map<String, String> env = new java.util.HashMap<>(ws.env(aws.endpoint()));
        env.put("DAYLILY_CONFIG_DIR", fresh.toString());
        Workspace.Result r = ws.run(Workspace.jar(), env, "--debug", "version");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)),
                "0700 in every mode, --debug included (issue #17)");
    }

    @org.junit.jupiter.api.Test
    void bootstrapRegionRefusesARegionThatDoesNotExist() throws Exception {
        Workspace ws = new Workspace(dir);
        aws.server().resetRequests();
        Workspace.Result r = ws.run(Workspace.jar(), ws.env(aws.endpoint()), "infra", "bootstrap-region", "--region", "bogus",
                "--user", "alice");
        assertClean(r, "bootstrap-region --region bogus");
        assertTrue(r.stderr().contains("--region 'bogus' is not an AWS region"), r.stderr());
        assertEquals(0, aws.requestCount(), "no IAM policy for a region that does not exist");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFlags")
    void invalidFlagValues(List<String> args) throws Exception {
        Workspace ws = new Workspace(dir);
        aws.server().resetRequests();
        Workspace.Result r = ws.run(Workspace.jar(), ws.env(aws.endpoint()), args.toArray(String[]::new));
        assertClean(r, String.join(" ", args));
        assertEquals(0, aws.requestCount(), "nothing sent to AWS");
    }
}
