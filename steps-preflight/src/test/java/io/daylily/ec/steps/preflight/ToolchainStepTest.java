package io.daylily.ec.steps.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.ToolchainException;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.testing.FakeProcessRunner;
import io.daylily.ec.api.testing.TestServices;
import java.nio.file.Files;
import java.util.List;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolchainStepTest {
    @TempDir
    Path dir;

    private void tool(String name) throws Exception {
        Path p = Files.createDirectories(dir.resolve("bin")).resolve(name);
        Files.writeString(p, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    }

    private TestServices services(FakeProcessRunner r) {
        return TestServices.builder(dir).processes(r).env("PATH", dir.resolve("bin").toString()).build();
    }

    @Test
    void allPresentAndRightVersionPass() throws Exception {
        for (String t : new String[] {"pcluster", "node", "git", "ssh", "daylily-omics-references.sh"}) {
            tool(t);
        }
        TestServices s = services(new FakeProcessRunner().on("pcluster", 0, "{\"version\": \"3.13.2\"}"));
        RunContext in37 = Ctx.base();
        org.junit.jupiter.api.Assertions.assertSame(in37, new ToolchainStep().run(in37, s), "the context goes on unchanged");
        assertEquals(5, s.events().checks().size(), "presence only: no process was started for it");
        org.junit.jupiter.api.Assertions.assertSame(in37, new PclusterVersionStep().run(in37, s), "the context goes on unchanged");
        assertTrue(s.events().checks().stream().allMatch(c -> c.status() == CheckStatus.PASS), s.events().checks().toString());
        assertEquals(6, s.events().checks().size());
        assertEquals("toolchain.pcluster_version", s.events().checks().get(5).id(), "the version is the gate's last check");
    }

    @Test
    void versionMismatchIsAWarn() throws Exception {
        for (String t : new String[] {"pcluster", "node", "git", "ssh", "daylily-omics-references.sh"}) {
            tool(t);
        }
        TestServices s = services(new FakeProcessRunner().on("pcluster", 0, "{\"version\": \"3.11.0\"}"));
        RunContext in48 = Ctx.base();
        new ToolchainStep().run(in48, s);
        org.junit.jupiter.api.Assertions.assertSame(in48, new PclusterVersionStep().run(in48, s), "the context goes on unchanged");
        var c = s.events().check("toolchain.pcluster_version");
        assertEquals(CheckStatus.WARN, c.status());
        assertTrue(c.remediation().contains("Expected pcluster version 3.13.2, but found version 3.11.0"));
    }

    @Test
    void missingToolsAreExitFourNamingEach() throws Exception {
        tool("pcluster");
        tool("git");
        TestServices s = services(new FakeProcessRunner());
        ToolchainException e = assertThrows(ToolchainException.class, () -> new ToolchainStep().run(Ctx.base(), s));
        assertEquals(4, e.exitCode().code());
        assertTrue(e.getMessage().contains("node, ssh, reference_verifier"), e.getMessage());
        assertEquals(CheckStatus.FAIL, s.events().check("toolchain.node").status());
        assertTrue(s.events().check("toolchain.reference_verifier").remediation().contains("DAYLILY_REFERENCE_VERIFIER"));
    }

    @Test
    void brokenPclusterIsAToolchainFailure() throws Exception {
        for (String t : new String[] {"pcluster", "node", "git", "ssh", "daylily-omics-references.sh"}) {
            tool(t);
        }
        TestServices s = services(new FakeProcessRunner().on("pcluster", spec -> FakeProcessRunner.result(1, "",
                "Unable to find node executable")));
        new ToolchainStep().run(Ctx.base(), s);
        ToolchainException e = assertThrows(ToolchainException.class, () -> new PclusterVersionStep().run(Ctx.base(), s));
        assertEquals(4, e.exitCode().code());
        assertTrue(e.getMessage().contains("unusable: pcluster"), e.getMessage());
        assertTrue(s.events().check("toolchain.pcluster_version").remediation().contains("Unable to find node executable"));
    }

    @Test
    void withBackgroundLookupsTheVersionRunsAfterTheGateReturnsAndIsReportedInItsPlace() throws Exception {
        for (String t : new String[] {"pcluster", "node", "git", "ssh", "daylily-omics-references.sh"}) {
            tool(t);
        }
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        FakeProcessRunner r = new FakeProcessRunner().on("pcluster", spec -> {
            started.countDown();
            try {
                release.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return FakeProcessRunner.result(0, "{\"version\": \"3.13.2\"}", "");
        });
        TestServices s = TestServices.builder(dir).processes(r).env("PATH", dir.resolve("bin").toString())
                .lookups(io.daylily.ec.support.lookup.SharedLookups::forEnv).build();
        new ToolchainStep().run(Ctx.base(), s);
        assertTrue(started.await(10, java.util.concurrent.TimeUnit.SECONDS), "pcluster version was started in the background");
        assertEquals(5, s.events().checks().size(), "the gate returned while pcluster version still runs");
        release.countDown();
        new PclusterVersionStep().run(Ctx.base(), s);
        assertEquals(CheckStatus.PASS, s.events().check("toolchain.pcluster_version").status());
        assertEquals(1, r.runs().size(), "one pcluster version in all: the step took the started one");
    }

    @Test
    void aMissingProgramStartsNoProcess() throws Exception {
        for (String t : new String[] {"pcluster", "git", "ssh", "daylily-omics-references.sh"}) {
            tool(t);
        }
        FakeProcessRunner r = new FakeProcessRunner().on("pcluster", 0, "{\"version\": \"3.13.2\"}");
        TestServices s = TestServices.builder(dir).processes(r).env("PATH", dir.resolve("bin").toString())
                .lookups(io.daylily.ec.support.lookup.SharedLookups::forEnv).build();
        assertThrows(ToolchainException.class, () -> new ToolchainStep().run(Ctx.base(), s));
        assertTrue(s.lookups().settle(java.time.Duration.ofSeconds(5)));
        assertEquals(List.of(), r.runs(), "node missing: exit 4 with nothing started");
    }

    @Test
    void aPclusterThatCannotStartIsExitFour() throws Exception {
        for (String t : new String[] {"pcluster", "node", "git", "ssh", "daylily-omics-references.sh"}) {
            tool(t);
        }
        TestServices s = services(new FakeProcessRunner().on("pcluster", spec -> {
            throw new ToolchainException("'pcluster' could not be started (Exec format error); install it or put it on PATH");
        }));
        new ToolchainStep().run(Ctx.base(), s);
        ToolchainException e = assertThrows(ToolchainException.class, () -> new PclusterVersionStep().run(Ctx.base(), s));
        assertEquals(4, e.exitCode().code());
        assertEquals(CheckStatus.FAIL, s.events().check("toolchain.pcluster_version").status());
        assertTrue(s.events().check("toolchain.pcluster_version").remediation().contains("Exec format error"));
    }

    @Test
    void parseVersion() {
        assertEquals("3.13.2", PclusterVersionStep.parseVersion("{\"version\": \"3.13.2\"}"));
        assertEquals(null, PclusterVersionStep.parseVersion("pcluster 3.13.2"));
    }
}
