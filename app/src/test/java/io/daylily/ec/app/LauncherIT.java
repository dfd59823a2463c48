package io.daylily.ec.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.app.sim.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/daylily-ec: its class-data-sharing archive is written once, used after, and never in the way. */
class LauncherIT {
    @TempDir
    Path dir;

    private static final Path LAUNCHER = Path.of("..", "bin", "daylily-ec").toAbsolutePath().normalize();

    private Path jar() throws Exception {
        Path copy = dir.resolve("lib").resolve("daylily-ec.jar");
        Files.createDirectories(copy.getParent());
        Files.copy(Workspace.jar(), copy);
        return copy;
    }

    private Workspace.Result run(Path jar, Map<String, String> extra, String... args) throws Exception {
        Workspace ws = new Workspace(Files.createDirectories(dir.resolve("ws")));
        Map<String, String> env = new HashMap<>(ws.env("http://127.0.0.1:9"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("DAYLILY_EC_JAR", jar.toString());
        env.putAll(extra);
        return ws.runCommand(List.of(), List.of(LAUNCHER.toString()), env, args);
    }

    private List<String> leftovers(Path jar) throws Exception {
        try (Stream<Path> s = Files.list(jar.getParent())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
        }
    }

    private static List<Path> archives(Path jar) throws Exception {
        try (Stream<Path> s = Files.list(jar.getParent())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jsa")).toList();
        }
    }

    @Test
    void theLegacyEntrypointIsCreateWithItsOwnNameAndUsageOnNoArguments() throws Exception {
        Path legacy = LAUNCHER.resolveSibling("daylily-create-ephemeral-cluster");
        Workspace ws = new Workspace(Files.createDirectories(dir.resolve("ws")));
        Map<String, String> env = new HashMap<>(ws.env("http://127.0.0.1:9"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("DAYLILY_EC_JAR", jar().toString());
        env.put("DAYLILY_EC_CDS", "0");
        Workspace.Result none = ws.runCommand(List.of(), List.of(legacy.toString()), env);
        assertEquals(0, none.exitCode(), "PARITY §1.1: no arguments → usage, exit 0; " + none.stderr());
        assertTrue(none.stdout().startsWith("usage: daylily-create-ephemeral-cluster --region-az AZ"), none.stdout());
        Workspace.Result bad = ws.runCommand(List.of(), List.of(legacy.toString()), env, "--bogus");
        assertEquals(1, bad.exitCode(), bad.stderr());
        assertTrue(bad.stderr().contains("unknown option --bogus"), bad.stderr());
        assertTrue(bad.stderr().contains("usage: daylily-create-ephemeral-cluster"), "the usage names the entrypoint used: "
                + bad.stderr());
    }

    @Test
    void theFirstRunWritesTheArchiveAndLaterRunsLoadTheirClassesFromIt() throws Exception {
        Path jar = jar();
        Workspace.Result first = run(jar, Map.of(), "version");
        assertEquals(0, first.exitCode(), first.stderr());
        assertTrue(first.stdout().startsWith("daylily-ec "), first.stdout());
        assertEquals("", first.stderr(), "the training run says nothing");
        List<Path> archives = archives(jar);
        assertEquals(1, archives.size(), "one archive, next to the jar: " + archives);
        assertTrue(archives.get(0).getFileName().toString().startsWith("daylily-ec-java17"), archives.toString());
        assertTrue(Files.size(archives.get(0)) > 0);
        assertEquals(List.of(), leftovers(jar));

        Path log = dir.resolve("load.txt");
        Workspace.Result second = run(jar, Map.of("JAVA_OPTS", "-Xlog:class+load=info:file=" + log), "--help");
        assertEquals(0, second.exitCode(), second.stderr());
        String loads = Files.readString(log);
        assertTrue(loads.lines().anyMatch(l -> l.contains("io.daylily.ec.app.Cli ") && l.contains("shared objects file")),
                "Cli comes from the archive");
        assertFalse(loads.contains("org.apache.logging.log4j"), "--help starts no logging (issue #10: no work before"
                + " argument parsing that --help does not need)");
        assertFalse(loads.contains("software.amazon.awssdk"), "nor any SDK class");
    }

    @Test
    void aPreflightLoadsTheSdkClientsFromTheArchive() throws Exception {
        Path jar = jar();
        assertEquals(0, run(jar, Map.of(), "version").exitCode());
        Path log = dir.resolve("preflight-load.txt");
        try (io.daylily.ec.app.sim.SimulatedAws aws = new io.daylily.ec.app.sim.SimulatedAws(0)) {
            Workspace ws = new Workspace(Files.createDirectories(dir.resolve("pf")));
            Map<String, String> env = new HashMap<>(ws.env(aws.endpoint()));
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("DAYLILY_EC_JAR", jar.toString());
            env.put("JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
            Workspace.Result r = ws.runCommand(List.of(), List.of(LAUNCHER.toString()), env, "preflight",
                    "--region-az", "us-west-2b", "--non-interactive", "--config", ws.config.toString());
            assertEquals(0, r.exitCode(), r.stderr());
        }
        List<String> lines = Files.readAllLines(log);
        for (String type : List.of("software.amazon.awssdk.services.sts.StsClient",
                "software.amazon.awssdk.services.ec2.Ec2Client")) {
            assertTrue(lines.stream().anyMatch(l -> l.contains(type + " ") && l.contains("shared objects file")),
                    type + " comes from the archive");
        }
    }

    @Test
    void aStaleOrBrokenArchiveIsIgnoredQuietly() throws Exception {
        Path jar = jar();
        assertEquals(0, run(jar, Map.of(), "version").exitCode());
        Path jsa = archives(jar).get(0);
        Files.writeString(jsa, "not an archive");
        Files.setLastModifiedTime(jsa, FileTime.from(Instant.now().plusSeconds(3600)));
        Workspace.Result r = run(jar, Map.of(), "version");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("", r.stderr(), "no JVM warning reaches the user");
        assertTrue(r.stdout().startsWith("daylily-ec "));
    }

    @Test
    void onJdk25TheLauncherTrainsAndUsesTheAheadOfTimeCache() throws Exception {
        java.util.Optional<String> jdk25 = io.daylily.ec.app.bench.Bench.jdk25();
        org.junit.jupiter.api.Assumptions.assumeTrue(jdk25.isPresent(), "no JDK 25 under /usr/lib/jvm (or BENCH_JDK25) on this machine");
        Path jar = jar();
        Workspace.Result first = run(jar, Map.of("JAVA_HOME", jdk25.get()), "version");
        assertEquals(0, first.exitCode(), first.stderr());
        assertEquals("", first.stderr(), "the training run says nothing");
        List<Path> caches;
        try (Stream<Path> st = Files.list(jar.getParent())) {
            caches = st.filter(p -> p.getFileName().toString().endsWith(".aot")).toList();
        }
        assertEquals(1, caches.size(), "one AOT cache next to the jar, no CDS archive: " + caches);
        assertTrue(caches.get(0).getFileName().toString().startsWith("daylily-ec-java25"), caches.toString());
        assertEquals(List.of(), archives(jar), "no .jsa on JDK 25");
        assertEquals(List.of(), leftovers(jar));

        Path log = dir.resolve("load25.txt");
        Workspace.Result second = run(jar, Map.of("JAVA_HOME", jdk25.get(), "JAVA_OPTS", "-Xlog:class+load=info:file=" + log), "steps");
        assertEquals(0, second.exitCode(), second.stderr());
        assertEquals("", second.stderr(), "no JVM warning reaches the user");
        assertTrue(Files.readAllLines(log).stream().anyMatch(l -> l.contains("io.daylily.ec.app.Cli ") && l.contains("shared objects file")),
                "Cli comes from the cache");

        Files.writeString(caches.get(0), "not a cache");
        Files.setLastModifiedTime(caches.get(0), FileTime.from(Instant.now().plusSeconds(3600)));
        Workspace.Result broken = run(jar, Map.of("JAVA_HOME", jdk25.get()), "version");
        assertEquals(0, broken.exitCode(), broken.stderr());
        assertEquals("", broken.stderr(), "a broken cache is ignored quietly");
    }

    @Test
    void theArchiveCanBeTurnedOff() throws Exception {
        Path jar = jar();
        Workspace.Result r = run(jar, Map.of("DAYLILY_EC_CDS", "0"), "version");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(List.of(), archives(jar));
    }

    @Test
    void anUnwritableJarDirectoryStillRuns() throws Exception {
        Path jar = jar();
        Path lib = jar.getParent();
        lib.toFile().setWritable(false);
        try {
            Workspace.Result r = run(jar, Map.of(), "version");
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals("", r.stderr());
        } finally {
            lib.toFile().setWritable(true);
        }
    }

    @Test
    void aJavaOlderThan17IsRefusedWithExit4BeforeAnythingRuns() throws Exception {
        Path jdk = Files.createDirectories(dir.resolve("jdk11").resolve("bin"));
        Files.writeString(jdk.getParent().resolve("release"), "JAVA_VERSION=\"11.0.2\"\n");
        Path java = jdk.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho should-not-run\nexit 0\n");
        java.toFile().setExecutable(true);
        Workspace.Result r = run(jar(), Map.of("JAVA_HOME", jdk.getParent().toString()), "version");
        assertEquals(4, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("Java 17 or newer is required"), r.stderr());
        assertFalse(r.stdout().contains("should-not-run"));
    }

    /** A source tree with the launcher and a pom, and a fake {@code mvn} first on PATH that acts as {@code script} says. */
    private Workspace.Result firstBuild(String mvnScript) throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.createDirectories(tree.resolve("bin"));
        Files.copy(LAUNCHER, tree.resolve("bin/daylily-ec"));
        tree.resolve("bin/daylily-ec").toFile().setExecutable(true);
        Files.writeString(tree.resolve("pom.xml"), "<project/>\n");
        Path tools = Files.createDirectories(dir.resolve("tools"));
        Path mvn = tools.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\n" + mvnScript.replace("@JAR@", Workspace.jar().toString()));
        mvn.toFile().setExecutable(true);
        Workspace ws = new Workspace(Files.createDirectories(dir.resolve("ws")));
        Map<String, String> env = new HashMap<>(ws.env("http://127.0.0.1:9"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("DAYLILY_EC_CDS", "0");
        env.put("PATH", tools + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        return ws.runCommand(List.of(), List.of(tree.resolve("bin/daylily-ec").toString()), env, "--help");
    }

    @Test
    void theFirstBuildPrintsNoTerminalEscapesBeforeTheUsage() throws Exception {
        // Debian's Maven prints colour resets even with -q -B; a successful build shows none of its output
        Workspace.Result r = firstBuild("printf '\\033[0m\\033[0m'; printf '\\033[0m' >&2\n"
                + "mkdir -p app/target && cp '@JAR@' app/target/daylily-ec.jar\n");
        assertEquals(0, r.exitCode(), r.stderr());
        assertFalse(r.stderr().contains("\u001b") || r.stdout().contains("\u001b"), "escape junk: " + r.stderr());
        assertTrue(r.stderr().startsWith("daylily-ec: building the jar"), r.stderr());
        assertTrue(r.stdout().contains("Usage") || r.stdout().contains("usage"), r.stdout());
    }

    @Test
    void aFailedFirstBuildShowsMavensErrorsWithoutEscapesAndExits4() throws Exception {
        Workspace.Result r = firstBuild("printf '\\033[1;31m[ERROR]\\033[m COMPILATION ERROR: Foo.java\\n\\033[0m'\nexit 1\n");
        assertEquals(4, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("[ERROR] COMPILATION ERROR: Foo.java"), r.stderr());
        assertTrue(r.stderr().contains("build failed; run 'mvn -B package'"), r.stderr());
        assertFalse(r.stderr().contains("\u001b"), r.stderr());
    }
}
