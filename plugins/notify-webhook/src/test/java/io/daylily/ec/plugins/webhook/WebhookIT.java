package io.daylily.ec.plugins.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.daylily.ec.app.sim.SimulatedAws;
import io.daylily.ec.app.sim.Workspace;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built listener jar in a plug-in directory; a WireMock receiver that works, is down, or is slow. */
class WebhookIT {
    @TempDir
    Path dir;

    WireMockServer receiver;
    SimulatedAws aws;
    Workspace ws;
    Path plugins;

    @BeforeEach
    void setUp() throws Exception {
        receiver = new WireMockServer(wireMockConfig().dynamicPort());
        receiver.start();
        aws = new SimulatedAws(0);
        ws = new Workspace(dir);
        plugins = Files.createDirectories(dir.resolve("plugins"));
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            Path jar = s.filter(p -> p.getFileName().toString().matches("daylily-ec-plugin-notify-webhook-.*\\.jar")).findFirst().orElseThrow();
            Files.copy(jar, plugins.resolve(jar.getFileName()));
        }
        aws.quota("L-34B43A08", 100.0);
    }

    @AfterEach
    void tearDown() {
        aws.close();
        receiver.stop();
    }

    private Workspace.Result preflight(String url, String... extra) throws Exception {
        Map<String, String> env = new HashMap<>(ws.env(aws.endpoint()));
        env.put("DAYLILY_WEBHOOK_URL", url);
        for (int i = 0; i < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        return ws.run(Workspace.jar(), env, "--plugins", plugins.toString(), "preflight", "--region-az", "us-west-2b",
                "--non-interactive", "--config", ws.config.toString());
    }

    @Test
    void failsAndTheOutcomeArePostedWithoutDetails() throws Exception {
        receiver.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
        Workspace.Result r = preflight(receiver.baseUrl() + "/hook");
        assertEquals(1, r.exitCode(), r.stderr());
        receiver.verify(postRequestedFor(urlEqualTo("/hook")).withRequestBody(matchingJsonPath("$.event", equalTo("check")))
                .withRequestBody(matchingJsonPath("$.id", equalTo("quota.spot_vcpu")))
                .withRequestBody(matchingJsonPath("$.status", equalTo("FAIL"))));
        receiver.verify(postRequestedFor(urlEqualTo("/hook")).withRequestBody(matchingJsonPath("$.event", equalTo("run_finished")))
                .withRequestBody(matchingJsonPath("$.exit_code", equalTo("1")))
                .withRequestBody(matchingJsonPath("$.reason", equalTo("check_failed"))));
        receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).forEach(req -> {
            assertFalse(req.getBodyAsString().contains("simulated-secret"));
            assertFalse(req.getBodyAsString().contains("\"details\""));
        });
    }

    @Test
    void slackFormat() throws Exception {
        receiver.stubFor(post(urlEqualTo("/slack")).willReturn(aResponse().withStatus(200)));
        preflight(receiver.baseUrl() + "/slack", "DAYLILY_WEBHOOK_FORMAT", "slack");
        receiver.verify(postRequestedFor(urlEqualTo("/slack")).withRequestBody(matchingJsonPath("$.text")));
    }

    @Test
    void aReceiverThatIsDownChangesNothing() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // a refused connection ends the notification at once; a hang would end the workspace's run at its 120 s cap
        Workspace.Result r = preflight("http://127.0.0.1:" + port + "/hook", "DAYLILY_WEBHOOK_DRAIN_SECONDS", "3");
        assertEquals(1, r.exitCode(), r.stderr());
        assertFalse(r.stderr().contains("Exception"), r.stderr());
    }

    @Test
    void aSlowReceiverIsBoundedByTheDrainTime() throws Exception {
        receiver.stubFor(post(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(20_000)));
        Workspace.Result r = preflight(receiver.baseUrl() + "/slow", "DAYLILY_WEBHOOK_DRAIN_SECONDS", "2");
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.elapsed().toSeconds() < 15, "the run does not wait for a slow receiver: " + r.elapsed());
    }
}
