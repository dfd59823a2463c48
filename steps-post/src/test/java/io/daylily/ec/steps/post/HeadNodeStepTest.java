package io.daylily.ec.steps.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.ProcessSpec;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.event.WarningEvent;
import io.daylily.ec.api.facts.KeyPair;
import io.daylily.ec.api.testing.FakeProcessRunner;
import io.daylily.ec.api.testing.ScriptedPrompter;
import io.daylily.ec.api.testing.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** post.headnode in the steps module itself (issue #28: PIT counts these): the remote commands, their order and their ending. */
class HeadNodeStepTest {
    @TempDir
    Path dir;

    private static RunContext ctx() {
        return RunContext.empty("1").with(ContextKeys.HEAD_NODE_IP, "5.6.7.8")
                .with(ContextKeys.KEY_PAIR, new KeyPair("lab", "/home/u/.ssh/lab.pem"));
    }

    private TestServices services(FakeProcessRunner r, ScriptedPrompter ui) {
        return TestServices.builder(dir).workDir(dir).processes(r).prompter(ui).build();
    }

    @Test
    void itsPlaceAndThatItWritesNothingToAws() {
        HeadNodeStep h = new HeadNodeStep();
        assertEquals("post.headnode", h.id());
        assertEquals(610, h.order());
        assertEquals(Set.of(Pipelines.CREATE), h.pipelines());
        assertFalse(h.mutatesAws(), "ssh only");
        assertFalse(h.description().isBlank());
    }

    @Test
    void fourRemoteCommandsInOrderOverSshAndThePublicKeyIsKept() throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/daylily_cli_global.yaml"), "daylily:\n  git_ephemeral_cluster_repo: https://x/r.git\n"
                + "  git_ephemeral_cluster_repo_tag: 1.2.3\n");
        FakeProcessRunner r = new FakeProcessRunner().on("ssh", 0, "ssh-rsa AAAA u@h\n");
        ScriptedPrompter ui = ScriptedPrompter.answering();
        TestServices s = services(r, ui);
        assertEquals(ctx(), new HeadNodeStep().run(ctx(), s));
        List<ProcessSpec> runs = r.runs();
        assertEquals(4, runs.size());
        assertEquals(List.of("ssh", "-i", "/home/u/.ssh/lab.pem", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "BatchMode=yes", "-o", "ConnectTimeout=30", "ubuntu@5.6.7.8"), runs.get(0).argv().subList(0, 12));
        assertTrue(runs.get(1).argv().get(12).contains("git clone -q -b '\"'\"'1.2.3'\"'\"' '\"'\"'https://x/r.git'\"'\"'"),
                runs.get(1).argv().get(12));
        assertEquals(List.of(Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofMinutes(30)),
                runs.stream().map(ProcessSpec::timeout).toList());
        assertEquals("ssh-rsa AAAA u@h\n", Files.readString(dir.resolve("logs/5.6.7.8_pubkey.txt")));
        var c = s.events().check("post.headnode");
        assertEquals(CheckStatus.PASS, c.status());
        assertEquals(List.of("ssh key", "repository", "DAY-EC environment", "head-node tools"), c.details().get("steps"));
        assertEquals("1.2.3", c.details().get("ref"));
        assertTrue(ui.said().get(ui.said().size() - 1).startsWith("Head node configured: ssh key, repository"), ui.said().toString());
    }

    @Test
    void theFirstFailureStopsWithAWarningThatSaysWhereAndHowToFinish() {
        AtomicInteger n = new AtomicInteger();
        FakeProcessRunner r = new FakeProcessRunner().on("ssh", spec -> n.incrementAndGet() == 2
                ? FakeProcessRunner.result(128, "", "fatal: repository not found") : FakeProcessRunner.result(0, "", ""));
        TestServices s = services(r, ScriptedPrompter.answering());
        new HeadNodeStep().run(ctx(), s);
        assertEquals(2, r.runs().size(), "nothing after the failed command");
        List<WarningEvent> w = s.events().published(WarningEvent.class);
        assertEquals(1, w.size());
        assertTrue(w.get(0).message().startsWith("head node configuration stopped at 'repository' (exit 128"), w.get(0).message());
        assertTrue(w.get(0).message().endsWith("finish it by hand: ssh -i /home/u/.ssh/lab.pem ubuntu@5.6.7.8"), w.get(0).message());
        assertTrue(s.events().checks().isEmpty(), "no PASS for a head node half configured");
        assertFalse(Files.exists(dir.resolve("logs/5.6.7.8_pubkey.txt")), "an empty key is not kept");
    }

    @Test
    void aTimeoutIsNamedAsOne() {
        FakeProcessRunner r = new FakeProcessRunner().on("ssh", spec -> new io.daylily.ec.api.ProcessResult(-1, "", "", Duration.ZERO, true));
        TestServices s = services(r, ScriptedPrompter.answering());
        new HeadNodeStep().run(ctx(), s);
        assertTrue(s.events().published(WarningEvent.class).get(0).message().contains("'ssh key' (timed out after 2 min)"));
    }

    @Test
    void withoutAnAddressAPemOrSshItWarnsAndSendsNothing() {
        FakeProcessRunner r = new FakeProcessRunner();
        TestServices s = services(r, ScriptedPrompter.answering());
        new HeadNodeStep().run(ctx().without(ContextKeys.HEAD_NODE_IP), s);
        new HeadNodeStep().run(ctx().without(ContextKeys.KEY_PAIR), s);
        List<WarningEvent> w = s.events().published(WarningEvent.class);
        assertEquals("head node not configured: no public IP known", w.get(0).message());
        assertEquals("head node not configured: no PEM file known", w.get(1).message());
        assertTrue(r.runs().isEmpty());
        new HeadNodeStep().run(ctx(), s);
        assertTrue(s.events().published(WarningEvent.class).get(2).message().startsWith("head node not configured: 'ssh' not found"));
    }

    @Test
    void aQuoteInsideAnArgumentStaysInsideIt() {
        assertEquals("'it'\"'\"'s'", HeadNodeStep.q("it's"));
        assertEquals("bash -lc 'echo hi'", HeadNodeStep.sshArgv("ssh", "k", "h", "echo hi").get(12));
    }
}
