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
        assertTrue(s.events().checks().stream().allMatch(c -> c.status() == CheckStatus.PASS), s.events().checks().toString());
        assertEquals(6, s.events().checks().size());
    }

    @Test
    void versionMismatchIsAWarn() throws Exception {
        for (String t : new String[] {"pcluster", "node", "git", "ssh", "daylily-omics-references.sh"}) {
            tool(t);
        }
        TestServices s = services(new FakeProcessRunner().on("pcluster", 0, "{\"version\": \"3.11.0\"}"));
        RunContext in48 = Ctx.base();
        org.junit.jupiter.api.Assertions.assertSame(in48, new ToolchainStep().run(in48, s), "the context goes on unchanged");
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
        assertThrows(ToolchainException.class, () -> new ToolchainStep().run(Ctx.base(), s));
        assertTrue(s.events().check("toolchain.pcluster_version").remediation().contains("Unable to find node executable"));
    }

    @Test
    void parseVersion() {
        assertEquals("3.13.2", ToolchainStep.parseVersion("{\"version\": \"3.13.2\"}"));
        assertEquals(null, ToolchainStep.parseVersion("pcluster 3.13.2"));
    }
}
