package io.daylily.ec.steps.pcluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The configuration an existing cluster was created with, and how a new render differs from it (issue
 * #17: a rerun with changed settings must not "succeed" on a cluster that does not have them).
 * {@code pcluster describe-cluster} names the stored configuration by a (pre-signed) URL:
 * {@code clusterConfiguration.url}.
 */
final class LiveConfig {
    /** Values that differ by design between two renders of the same settings: the market's spot prices. */
    static final String IGNORED_KEY = "SpotPrice";
    /** The version stamp the render writes into a tag ({@code REGSUB_DAYLILY_GIT_DEETS}): an upgrade is not a setting. */
    static final String VERSION_STAMP = "daylily-ec-";
    static final int SHOWN = 12;
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private LiveConfig() {
    }

    /** The URL of the live configuration in a describe-cluster answer, if it names one. */
    static Optional<String> url(JsonNode describe) {
        String u = describe == null ? "" : describe.path("clusterConfiguration").path("url").asText("");
        return u.isBlank() ? Optional.empty() : Optional.of(u);
    }

    /** The text behind {@code url} (https as pcluster gives it; a file URL for local copies). */
    static String fetch(String url) throws IOException {
        URI uri = URI.create(url);
        if ("file".equals(uri.getScheme())) {
            return Files.readString(Path.of(uri), StandardCharsets.UTF_8);
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new IOException("not an http(s) or file URL: " + uri.getScheme());
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() / 100 != 2) {
                throw new IOException("HTTP " + r.statusCode());
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * Every difference between the live configuration and the new one, as {@code path: live → new}
     * ({@code (absent)} for a missing value), sorted by path; spot prices and the daylily-ec version stamp
     * are not compared.
     */
    static List<String> differences(String live, String proposed) {
        Map<String, String> a = flatten(load(live));
        Map<String, String> b = flatten(load(proposed));
        List<String> out = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(a.keySet());
        paths.addAll(b.keySet());
        for (String p : paths) {
            if (p.endsWith("." + IGNORED_KEY) || p.equals(IGNORED_KEY)) {
                continue;
            }
            String x = a.get(p);
            String y = b.get(p);
            if (x != null && y != null && x.startsWith(VERSION_STAMP) && y.startsWith(VERSION_STAMP)) {
                continue; // made by another daylily-ec version: the same settings
            }
            if (x == null ? y != null : !x.equals(y)) {
                out.add(p + ": " + (x == null ? "(absent)" : x) + " → " + (y == null ? "(absent)" : y));
            }
        }
        return out;
    }

    private static Object load(String text) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    static Map<String, String> flatten(Object doc) {
        Map<String, String> out = new TreeMap<>();
        flatten("", doc, out);
        return out;
    }

    private static void flatten(String path, Object v, Map<String, String> out) {
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, x) -> flatten(path.isEmpty() ? String.valueOf(k) : path + "." + k, x, out));
        } else if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                flatten(path + "[" + i + "]", l.get(i), out);
            }
        } else if (v != null) {
            out.put(path, String.valueOf(v));
        }
    }
}
