package io.daylily.ec.app;

import io.daylily.ec.api.ExitCode;
import io.daylily.ec.support.state.StateRecord;
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
                    StateRecord r = StateRecord.read(p, ExitCode.VALIDATION);
                    out.add(new Entry(r.clusterName(), r.runId(), r.text(StateRecord.REGION),
                            r.status().isEmpty() ? "unknown" : r.status(), p.toString()));
                } catch (RuntimeException e) {
                    out.add(new Entry("", "", "", "ERROR", p.toString()));
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }
}
