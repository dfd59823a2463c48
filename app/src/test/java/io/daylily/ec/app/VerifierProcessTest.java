package io.daylily.ec.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.ToolchainException;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.testing.TestServices;
import io.daylily.ec.app.adapters.JdkProcessRunner;
import io.daylily.ec.steps.preflight.S3VerifyStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference verifier through the real process runner: a script the test writes (exit 0, non-zero, missing). */
class VerifierProcessTest {
    @TempDir
    Path dir;

    private TestServices services(String verifierPath) {
        return TestServices.builder(dir).processes(new JdkProcessRunner())
                .env("DAYLILY_REFERENCE_VERIFIER", verifierPath).build();
    }

    private RunContext ctx() {
        return RunContext.empty("20260211120000").with(ContextKeys.REGION, "us-west-2").with(ContextKeys.AWS_PROFILE, "lab")
                .with(ContextKeys.REFERENCE_BUCKET, new io.daylily.ec.api.facts.ReferenceBucket("lab-omics-analysis-us-west-2"));
    }

    private Path script(String body) throws Exception {
        Path p = dir.resolve("verify.sh");
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    @Test
    void exitZeroPassesAndReceivesTheContractArguments() throws Exception {
        Path out = dir.resolve("args.txt");
        Path s = script("echo \"$@ AWS_PROFILE=$AWS_PROFILE\" > " + out + "; exit 0");
        TestServices svc = services(s.toString());
        new S3VerifyStep().run(ctx(), svc);
        assertEquals(CheckStatus.PASS, svc.events().check("s3.bucket_verify").status());
        assertEquals("--profile lab --region us-west-2 verify --bucket lab-omics-analysis-us-west-2 --exclude-b37 AWS_PROFILE=lab\n",
                Files.readString(out));
    }

    @Test
    void nonZeroFails() throws Exception {
        TestServices svc = services(script("echo 'hg38 prefix empty' >&2; exit 7").toString());
        new S3VerifyStep().run(ctx(), svc);
        var c = svc.events().check("s3.bucket_verify");
        assertEquals(CheckStatus.FAIL, c.status());
        assertTrue(c.remediation().contains("exit 7: hg38 prefix empty"), c.remediation());
        assertEquals(7, c.details().get("exit_code"));
    }

    @Test
    void missingIsAToolchainError() {
        ToolchainException e = assertThrows(ToolchainException.class,
                () -> new S3VerifyStep().run(ctx(), services(dir.resolve("nope.sh").toString())));
        assertEquals(4, e.exitCode().code());
    }
}
