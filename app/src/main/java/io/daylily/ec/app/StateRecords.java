package io.daylily.ec.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.daylily.ec.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The {@code state_*.json} records in the config directory (PARITY §23). */
final class StateRecords {
    /** One record; unreadable files are listed with status {@code ERROR}. */
    record Entry(String clusterName, String runId, String region, String status, String path) {
    }

    private StateRecords() {
    }

    static List<Entry> list(Path configDir) {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(configDir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(configDir)) {
            for (Path p : s.filter(f -> f.getFileName().toString().matches("state_.*\\.json")).sorted().toList()) {
                try {
                    JsonNode n = Json.mapper().readTree(Files.readString(p));
                    out.add(new Entry(n.path("cluster_name").asText(""), n.path("run_id").asText(""),
                            n.path("region").asText(""), n.path("status").asText("unknown"), p.toString()));
                } catch (IOException | RuntimeException e) {
                    out.add(new Entry("", "", "", "ERROR", p.toString()));
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }
}
