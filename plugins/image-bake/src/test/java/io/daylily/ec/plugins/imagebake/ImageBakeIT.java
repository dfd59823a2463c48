package io.daylily.ec.plugins.imagebake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.app.sim.SimulatedAws;
import io.daylily.ec.app.sim.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built plug-in jar, dropped into a plug-in directory, run by the real application jar. */
class ImageBakeIT {
    @TempDir
    Path dir;

    private Path pluginDir() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("my-plugins"));
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            Path jar = s.filter(p -> p.getFileName().toString().matches("daylily-ec-plugin-image-bake-.*\\.jar")).findFirst().orElseThrow();
            Files.copy(jar, plugins.resolve(jar.getFileName()));
        }
        return plugins;
    }

    @Test
    void stepsListsThePluginStepAtItsOrderWithItsJar() throws Exception {
        Workspace ws = new Workspace(dir);
        Path plugins = pluginDir();
        Workspace.Result r = ws.run(Workspace.jar(), ws.env("http://127.0.0.1:9"), "steps", "--plugins", plugins.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> lines = r.stdout().lines().toList();
        int render = indexOf(lines, "pcluster.render");
        int bake = indexOf(lines, "image.bake");
        int spot = indexOf(lines, "pcluster.spot_prices");
        assertTrue(render < bake && bake < spot, r.stdout());
        assertTrue(lines.get(bake).startsWith("505") && lines.get(bake).contains(plugins.toString()), lines.get(bake));
    }

    private static int indexOf(List<String> lines, String id) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(" " + id + " ")) {
                return i;
            }
        }
        throw new AssertionError(id + " not listed");
    }

    @Test
    void createBakesAnImageAndTheClusterUsesIt() throws Exception {
        try (SimulatedAws aws = new SimulatedAws(0)) {
            Workspace ws = new Workspace(dir);
            Map<String, String> env = new HashMap<>(ws.env(aws.endpoint()));
            env.put("DAYLILY_IMAGE_BAKE", "1");
            env.put("DAYLILY_IMAGE_PARENT", "ami-0parent");
            // config-directory plug-ins are found without any flag
            Path cfgPlugins = Files.createDirectories(ws.configDir.resolve("plugins"));
            try (Stream<Path> s = Files.list(pluginDir())) {
                for (Path p : s.toList()) {
                    Files.copy(p, cfgPlugins.resolve(p.getFileName()));
                }
            }
            Workspace.Result r = ws.run(Workspace.jar(), env, "create", "--region-az", "us-west-2b", "--non-interactive",
                    "--config", ws.config.toString());
            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(r.stderr().contains("Custom AMI ami-0baked will be the cluster's image"), r.stderr());
            List<String> calls = Files.readAllLines(dir.resolve("pcluster-calls.log"));
            assertTrue(calls.stream().anyMatch(c -> c.startsWith("build-image -i daylily-lab-cluster-")), calls.toString());
            assertTrue(calls.stream().anyMatch(c -> c.startsWith("describe-image -i daylily-lab-cluster-")), calls.toString());
            int build = indexOfPrefix(calls, "build-image");
            int dry = indexOfPrefix(calls, "create-cluster");
            assertTrue(build < dry, "the image is baked before the dry run: " + calls);
            try (Stream<Path> s = Files.list(ws.configDir)) {
                Path yaml = s.filter(p -> p.getFileName().toString().matches("lab-cluster_cluster_\\d{14}\\.yaml")).findFirst().orElseThrow();
                String text = Files.readString(yaml);
                assertTrue(text.contains("CustomAmi: ami-0baked"), text);
            }
            try (Stream<Path> s = Files.list(ws.configDir)) {
                Path image = s.filter(p -> p.getFileName().toString().matches("lab-cluster_image_\\d{14}\\.yaml")).findFirst().orElseThrow();
                String config = Files.readString(image);
                assertTrue(config.contains("SubnetId: subnet-0aaa1111bbbb2222c"),
                        "the image is built in the run's public subnet (the preflight network record)");
                assertTrue(config.contains("SecurityGroupIds:\n    - sg-0abc1234def567890"), "the VPC's default group: " + config);
                assertEquals(List.of(), BuildConfigTest.validate(config), "ParallelCluster's rule for the Build section");
            }
        }
    }

    @Test
    void offByDefault() throws Exception {
        try (SimulatedAws aws = new SimulatedAws(0)) {
            Workspace ws = new Workspace(dir);
            Workspace.Result r = ws.run(Workspace.jar(), ws.env(aws.endpoint()), "--plugins", pluginDir().toString(), "create",
                    "--region-az", "us-west-2b", "--non-interactive", "--config", ws.config.toString());
            assertEquals(0, r.exitCode(), r.stderr());
            assertFalse(Files.readString(dir.resolve("pcluster-calls.log")).contains("build-image"));
        }
    }

    private static int indexOfPrefix(List<String> calls, String prefix) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
