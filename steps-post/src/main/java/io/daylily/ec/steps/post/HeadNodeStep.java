package io.daylily.ec.steps.post;

import io.daylily.ec.api.AtomicFiles;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.ProcessResult;
import io.daylily.ec.api.ProcessSpec;
import io.daylily.ec.api.RepoOverrides;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.ToolchainException;
import io.daylily.ec.api.event.CheckResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code post.headnode} (PARITY §20.1, §20.3; DECISIONS #19): configures the head node over SSH as
 * {@code ubuntu} with the run's PEM — an SSH key on the node (its public key saved locally), the
 * daylily-ephemeral-cluster repository at the tag of {@code config/daylily_cli_global.yaml}, the
 * DAY-EC environment, the head-node tools, and, with {@code --repo-override}, the repository catalog
 * with the overridden refs. Each remote command is its own {@code ssh} argv with a timeout. Best
 * effort: the first failure is a warning (kept in the state file) and the run goes on.
 */
public final class HeadNodeStep implements Step {
    static final String REPO_DIR = "~/projects/daylily-ephemeral-cluster";
    static final String REMOTE_CATALOG = "~/.config/daylily/daylily_available_repositories.yaml";

    @Override
    public String id() {
        return "post.headnode";
    }

    @Override
    public int order() {
        return Order.POST + 10;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE);
    }

    @Override
    public String description() {
        return "configure the head node over SSH (repo, DAY-EC env, tools, repo overrides); best effort";
    }

    /** One remote command. */
    record Remote(String name, String command, Duration timeout, String stdin) {
    }

    /** Single-quoted for a POSIX shell. */
    static String q(String s) {
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }

    static List<String> sshArgv(String ssh, String pem, String ip, String command) {
        return List.of(ssh, "-i", pem, "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "BatchMode=yes", "-o", "ConnectTimeout=30", "ubuntu@" + ip, "bash -lc " + q(command));
    }

    static List<Remote> plan(String repo, String tag, String catalogYaml) {
        List<Remote> r = new ArrayList<>();
        r.add(new Remote("ssh key", "test -f ~/.ssh/id_rsa || ssh-keygen -q -t rsa -N '' -f ~/.ssh/id_rsa; cat ~/.ssh/id_rsa.pub",
                Duration.ofMinutes(2), null));
        r.add(new Remote("repository", "mkdir -p ~/projects && if [ -d " + REPO_DIR + "/.git ]; then cd " + REPO_DIR
                + " && git fetch --tags --prune origin && git checkout -q " + q(tag) + "; else git clone -q -b " + q(tag) + " "
                + q(repo) + " " + REPO_DIR + "; fi", Duration.ofMinutes(10), null));
        r.add(new Remote("DAY-EC environment", "cd " + REPO_DIR + " && ./bin/install_miniconda && ./bin/init_dayec",
                Duration.ofMinutes(30), null));
        r.add(new Remote("head-node tools", "source ~/.bashrc; cd " + REPO_DIR + " && ./bin/install-daylily-headnode-tools",
                Duration.ofMinutes(30), null));
        if (catalogYaml != null) {
            r.add(new Remote("repository overrides", "mkdir -p ~/.config/daylily && cat > " + REMOTE_CATALOG,
                    Duration.ofMinutes(2), catalogYaml));
        }
        return r;
    }

    static String[] repoAndTag(Path workDir) {
        String text = null;
        try {
            Path local = workDir.resolve("config/daylily_cli_global.yaml");
            if (Files.isRegularFile(local)) {
                text = Files.readString(local);
            } else {
                try (InputStream in = HeadNodeStep.class.getClassLoader().getResourceAsStream("config/daylily_cli_global.yaml")) {
                    text = in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            text = null;
        }
        String repo = "https://github.com/Daylily-Informatics/daylily-ephemeral-cluster.git";
        String tag = "main";
        if (text != null && new Yaml(new SafeConstructor(new LoaderOptions())).load(text) instanceof Map<?, ?> m
                && m.get("daylily") instanceof Map<?, ?> d) {
            repo = d.get("git_ephemeral_cluster_repo") == null ? repo : String.valueOf(d.get("git_ephemeral_cluster_repo"));
            tag = d.get("git_ephemeral_cluster_repo_tag") == null ? tag : String.valueOf(d.get("git_ephemeral_cluster_repo_tag"));
        }
        return new String[] {repo, tag};
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        String ip = ctx.get(ContextKeys.HEAD_NODE_IP).orElse("");
        String pem = ctx.get(ContextKeys.KEY_PAIR).map(io.daylily.ec.api.facts.KeyPair::pemPath).orElse("");
        if (ip.isEmpty() || pem.isEmpty()) {
            s.events().warn(id(), "head node not configured: " + (ip.isEmpty() ? "no public IP" : "no PEM file") + " known");
            return ctx;
        }
        String[] rt = repoAndTag(s.workDir());
        RepoOverrides overrides = ctx.get(ContextKeys.REPO_OVERRIDES).orElse(new RepoOverrides(null));
        String catalog = null;
        if (!overrides.refs().isEmpty()) {
            // the same catalog the flags were checked against when the run started (working directory, else bundled)
            try {
                RepositoryCatalog known = RepositoryCatalog.load(s.workDir());
                catalog = known.overridden(known.check(overrides));
            } catch (RuntimeException e) {
                s.events().warn(id(), "--repo-override given but the repository catalog cannot be used ("
                        + e.getMessage() + "); the overrides were not applied");
            }
        }
        s.prompter().say("Configuring the head node " + ip + " (" + rt[0] + " at " + rt[1] + ") …");
        List<String> done = new ArrayList<>();
        for (Remote r : plan(rt[0], rt[1], catalog)) {
            s.prompter().progress("head node: " + r.name());
            ProcessResult res;
            try {
                res = s.processes().run(new ProcessSpec(sshArgv(s.env().getOrDefault("DAYLILY_SSH", "ssh"), pem, ip, r.command()),
                        Map.of(), null, r.timeout(), r.stdin()));
            } catch (ToolchainException e) {
                s.prompter().progressDone();
                s.events().warn(id(), "head node not configured: " + e.getMessage());
                return ctx;
            }
            if (!res.ok()) {
                s.prompter().progressDone();
                String why = res.timedOut() ? "timed out after " + r.timeout().toMinutes() + " min" : "exit " + res.exitCode()
                        + tail(res);
                s.events().warn(id(), "head node configuration stopped at '" + r.name() + "' (" + why + "); finish it by hand:"
                        + " ssh -i " + pem + " ubuntu@" + ip);
                return ctx;
            }
            if (r.name().equals("ssh key") && !res.stdout().isBlank()) {
                AtomicFiles.writePrivate(s.configDir().resolve("logs").resolve(ip + "_pubkey.txt"), res.stdout().strip() + "\n");
            }
            done.add(r.name());
        }
        s.prompter().progressDone();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("steps", done);
        d.put("repository", rt[0]);
        d.put("ref", rt[1]);
        d.put("repo_overrides", overrides.refs());
        s.events().check(CheckResult.pass(id(), d));
        s.prompter().say("Head node configured: " + String.join(", ", done));
        return ctx;
    }

    private static String tail(ProcessResult r) {
        String line = r.lastOutputLine();
        return line.isEmpty() ? "" : ": " + line;
    }
}
