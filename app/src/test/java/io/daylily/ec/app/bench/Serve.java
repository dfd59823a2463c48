package io.daylily.ec.app.bench;

import io.daylily.ec.app.sim.SimulatedAws;
import io.daylily.ec.app.sim.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * For looking at one run by hand: serves the simulated AWS ({@code LATENCY_MS} per request, default 100)
 * and prepares a workspace with the bench's fakes in {@code args[0]}; writes {@code env.sh} there (source
 * it, then run {@code bin/daylily-ec preflight --region-az us-west-2b --non-interactive --config "$CONFIG"}),
 * and serves until killed.
 */
public final class Serve {
    private Serve() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]).toAbsolutePath());
        int latency = Integer.parseInt(System.getenv().getOrDefault("LATENCY_MS", "100"));
        SimulatedAws aws = new SimulatedAws(latency);
        aws.referenceBundle("lab-omics-analysis-us-west-2");
        Workspace ws = new Workspace(dir);
        ws.verifierReadingS3(10);
        StringBuilder sh = new StringBuilder();
        for (Map.Entry<String, String> e : ws.env(aws.endpoint()).entrySet()) {
            sh.append("export ").append(e.getKey()).append("='").append(e.getValue()).append("'\n");
        }
        sh.append("export CONFIG='").append(ws.config).append("'\n");
        Files.writeString(dir.resolve("env.sh"), sh);
        System.out.println("serving " + aws.endpoint() + "; source " + dir.resolve("env.sh"));
        Thread.currentThread().join();
    }
}
