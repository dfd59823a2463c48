package io.daylily.ec.plugins.webhook;

import io.daylily.ec.api.Json;
import io.daylily.ec.api.RunListener;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.event.RunFinished;
import io.daylily.ec.api.event.RunStarted;
import io.daylily.ec.support.Settings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A {@link RunListener} plug-in: POSTs every FAIL and WARN check and the run's outcome as JSON to
 * {@code DAYLILY_WEBHOOK_URL} ({@code DAYLILY_WEBHOOK_FORMAT=slack} sends Slack-compatible
 * {@code {"text": …}} bodies). Never blocks or fails the run: posts go through one background thread
 * with a bounded queue, a 2 s connect and 5 s request timeout and two retries; at the end of the run
 * it waits at most {@code DAYLILY_WEBHOOK_DRAIN_SECONDS} (default 10) for the queue to drain. Only
 * ids, statuses, remediation text and counts are sent — never check details, values or credentials.
 */
public final class WebhookNotifier implements RunListener {
    private final String url;
    private final boolean slack;
    private final long drainSeconds;
    private final HttpClient http;
    private final ThreadPoolExecutor sender;
    private String runId = "";
    private String pipeline = "";
    private volatile int sent;
    private volatile int failed;

    public WebhookNotifier() {
        this(System.getenv());
    }

    WebhookNotifier(Map<String, String> env) {
        this.url = env.getOrDefault("DAYLILY_WEBHOOK_URL", "");
        this.slack = "slack".equalsIgnoreCase(env.getOrDefault("DAYLILY_WEBHOOK_FORMAT", ""));
        this.drainSeconds = Settings.WEBHOOK_DRAIN_SECONDS.read(env);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(100), r -> {
            Thread t = new Thread(r, "daylily-webhook");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.DiscardPolicy());
    }

    private boolean enabled() {
        return !url.isBlank();
    }

    @Override
    public void onRunStarted(RunStarted e) {
        runId = e.context().runId();
        pipeline = e.pipeline();
    }

    @Override
    public void onCheck(CheckResult c) {
        if (!enabled() || c.status() == CheckStatus.PASS) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "check");
        body.put("run_id", runId);
        body.put("pipeline", pipeline);
        body.put("id", c.id());
        body.put("status", c.status().name());
        body.put("remediation", c.remediation());
        post(body, (c.status() == CheckStatus.FAIL ? "✗ " : "⚠ ") + "daylily-ec " + pipeline + " " + c.id() + ": " + c.remediation());
    }

    @Override
    public void onRunFinished(RunFinished e) {
        if (!enabled()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "run_finished");
        body.put("run_id", runId);
        body.put("pipeline", e.pipeline());
        body.put("exit_code", e.exitCode().code());
        body.put("reason", e.reason());
        body.put("message", e.message());
        body.put("fail_count", e.checks().stream().filter(c -> c.status() == CheckStatus.FAIL).count());
        body.put("warn_count", e.checks().stream().filter(c -> c.status() == CheckStatus.WARN).count());
        post(body, "daylily-ec " + e.pipeline() + " run " + runId + " ended with exit " + e.exitCode().code()
                + (e.message().isEmpty() ? "" : ": " + e.message()));
        sender.shutdown();
        try {
            if (!sender.awaitTermination(drainSeconds, TimeUnit.SECONDS)) {
                sender.shutdownNow();
            }
        } catch (InterruptedException ie) {
            sender.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void post(Map<String, Object> body, String text) {
        String json = slack ? Json.writeCompact(Map.of("text", text)) : Json.writeCompact(body);
        sender.execute(() -> deliver(json));
    }

    private void deliver(String json) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                HttpResponse<Void> r = http.send(req, HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() < 500) {
                    sent++;
                    return;
                }
            } catch (IOException e) {
                // retried below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(500L * (attempt + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        failed++;
    }

    int sent() {
        return sent;
    }

    int failed() {
        return failed;
    }
}
