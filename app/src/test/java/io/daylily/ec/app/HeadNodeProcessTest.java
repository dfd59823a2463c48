package io.daylily.ec.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.RepoOverrides;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.event.WarningEvent;
import io.daylily.ec.api.testing.ScriptedPrompter;
import io.daylily.ec.api.testing.TestServices;
import io.daylily.ec.app.adapters.JdkProcessRunner;
import io.daylily.ec.steps.post.HeadNodeStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Head-node configuration through the real process runner against a fake ssh that records its argv and stdin. */
class HeadNodeProcessTest {
    @TempDir
    Path dir;

    /** A fake ssh: one line per call (each argv element after a '|'), stdin appended; exits {@code failOn}'s code when the command contains it. */
    private Path ssh(String failOn) throws Exception {
        Path log = dir.resolve("ssh.log");
        Path p = dir.resolve("ssh");
        Files.writeString(p, "#!/bin/sh\nline=''\nfor a in \"$@\"; do line=\"$line|$a\"; done\necho \"$line\" >> " + log + "\n"
                + "case \"$*\" in *cat\\ \\>*) cat >> " + log + ";; esac\n"
                + "case \"$*\" in *ssh-keygen*) echo 'ssh-rsa AAAAfake ubuntu@head';; esac\n"
                + (failOn == null ? "" : "case \"$*\" in *" + failOn + "*) echo 'conda: command not found' >&2; exit 7;; esac\n")
                + "exit 0\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    private TestServices services(Path ssh) {
        return TestServices.builder(dir).workDir(dir).processes(new JdkProcessRunner()).prompter(ScriptedPrompter.answering())
                .env("DAYLILY_SSH", ssh.toString()).build();
    }

    private RunContext ctx() {
        return RunContext.empty("1").with(ContextKeys.HEAD_NODE_IP, "54.1.2.3").with(ContextKeys.KEY_PAIR, new io.daylily.ec.api.facts.KeyPair("lab-omics", "/home/u/.ssh/lab-omics.pem"));
    }

    @Test
    void fourRemoteCommandsWithTheExactArgv() throws Exception {
        Path ssh = ssh(null);
        TestServices s = services(ssh);
        new HeadNodeStep().run(ctx(), s);
        List<String> calls = Files.readAllLines(dir.resolve("ssh.log"));
        assertEquals(4, calls.size(), calls.toString());
        String prefix = "|-i|/home/u/.ssh/lab-omics.pem|-o|StrictHostKeyChecking=no|-o|UserKnownHostsFile=/dev/null|-o|BatchMode=yes"
                + "|-o|ConnectTimeout=30|ubuntu@54.1.2.3|bash -lc ";
        assertTrue(calls.get(0).startsWith(prefix + "'test -f ~/.ssh/id_rsa || ssh-keygen"), calls.get(0));
        assertEquals(prefix + "'mkdir -p ~/projects && if [ -d ~/projects/daylily-ephemeral-cluster/.git ]; then cd"
                + " ~/projects/daylily-ephemeral-cluster && git fetch --tags --prune origin && git checkout -q '\"'\"'4.0.8'\"'\"';"
                + " else git clone -q -b '\"'\"'4.0.8'\"'\"' '\"'\"'https://github.com/Daylily-Informatics/daylily-ephemeral-cluster.git'\"'\"'"
                + " ~/projects/daylily-ephemeral-cluster; fi'", calls.get(1));
        assertTrue(calls.get(2).endsWith("./bin/install_miniconda && ./bin/init_dayec'"), calls.get(2));
        assertTrue(calls.get(3).endsWith("./bin/install-daylily-headnode-tools'"), calls.get(3));
        assertEquals(CheckStatus.PASS, s.events().check("post.headnode").status());
        assertEquals("ssh-rsa AAAAfake ubuntu@head\n", Files.readString(dir.resolve("logs/54.1.2.3_pubkey.txt")));
    }

    @Test
    void aFailureIsAWarningAndStopsTheRemainingCommands() throws Exception {
        TestServices s = services(ssh("install_miniconda"));
        RunContext out = new HeadNodeStep().run(ctx(), s);
        assertEquals(ctx(), out, "never fails the run");
        List<WarningEvent> w = s.events().published(WarningEvent.class);
        assertEquals(1, w.size());
        assertTrue(w.get(0).message().contains("stopped at 'DAY-EC environment' (exit 7: conda: command not found)"), w.get(0).message());
        assertEquals(3, Files.readAllLines(dir.resolve("ssh.log")).size(), "tools install not attempted");
    }

    @Test
    void repoOverridesWriteTheCatalogWithTheNewRefs() throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/daylily_available_repositories.yaml"), """
                command_catalog_version: 2
                default_repository: daylily-omics-analysis
                repositories:
                  daylily-omics-analysis:
                    git_url: https://github.com/Daylily-Informatics/daylily-omics-analysis.git
                    default_ref: 0.7.0
                  other:
                    default_ref: main
                """);
        TestServices s = services(ssh(null));
        new HeadNodeStep().run(ctx().with(ContextKeys.REPO_OVERRIDES, new RepoOverrides(new TreeMap<>(Map.of(
                "daylily-omics-analysis", "feature/x:y")))), s);
        String log = Files.readString(dir.resolve("ssh.log"));
        assertTrue(log.contains("mkdir -p ~/.config/daylily && cat > ~/.config/daylily/daylily_available_repositories.yaml"), log);
        assertTrue(log.contains("default_ref: feature/x:y"), log);
        assertTrue(log.contains("default_ref: main"), "other repositories unchanged: " + log);
        assertEquals(5, Files.readAllLines(dir.resolve("ssh.log")).stream().filter(l -> l.startsWith("|-i|")).count());
    }

    @Test
    void missingSshIsAWarning() {
        TestServices s = services(dir.resolve("no-ssh-here"));
        new HeadNodeStep().run(ctx(), s);
        assertTrue(s.events().published(WarningEvent.class).get(0).message().contains("head node not configured"));
    }
}
