package io.daylily.ec.steps.pcluster;

import io.daylily.ec.api.ProcessResult;
import io.daylily.ec.api.ProcessSpec;
import io.daylily.ec.api.testing.FakeProcessRunner;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A scripted {@code pcluster} behind the process-runner port: each sub-command answers from its own
 * queue of results (the last one repeats), and every call is recorded with its argv.
 */
final class PclusterFake {
    private final Deque<ProcessResult> describe = new ArrayDeque<>();
    private final Deque<ProcessResult> create = new ArrayDeque<>();
    private final Deque<ProcessResult> dryRun = new ArrayDeque<>();
    final FakeProcessRunner runner = new FakeProcessRunner();

    PclusterFake() {
        runner.on("pcluster", this::answer);
        runner.on("my-pcluster", this::answer);
    }

    static ProcessResult ok(String stdout) {
        return FakeProcessRunner.result(0, stdout, "");
    }

    static ProcessResult exit(int code, String stdout, String stderr) {
        return FakeProcessRunner.result(code, stdout, stderr);
    }

    static ProcessResult status(String status) {
        return ok("{\"clusterName\":\"c1\",\"clusterStatus\":\"" + status + "\"}");
    }

    static ProcessResult notFound() {
        return exit(1, "{\"message\":\"Cluster 'c1' does not exist or belongs to an incompatible ParallelCluster major version.\"}", "");
    }

    PclusterFake describe(ProcessResult... results) {
        describe.addAll(List.of(results));
        return this;
    }

    PclusterFake create(ProcessResult r) {
        create.add(r);
        return this;
    }

    PclusterFake dryRun(ProcessResult r) {
        dryRun.add(r);
        return this;
    }

    private static ProcessResult next(Deque<ProcessResult> q, String what) {
        if (q.isEmpty()) {
            throw new AssertionError("unexpected pcluster " + what);
        }
        return q.size() == 1 ? q.peekFirst() : q.removeFirst();
    }

    private ProcessResult answer(ProcessSpec spec) {
        String sub = spec.argv().get(1);
        if (sub.equals("describe-cluster")) {
            return next(describe, sub);
        }
        if (sub.equals("create-cluster")) {
            return spec.argv().contains("--dryrun") ? next(dryRun, "dry run") : next(create, sub);
        }
        throw new AssertionError("unexpected pcluster " + spec.argv());
    }

    List<List<String>> calls() {
        return runner.runs().stream().map(ProcessSpec::argv).toList();
    }

    long count(String subCommand) {
        return runner.runs().stream().filter(s -> s.argv().get(1).equals(subCommand)).count();
    }
}
