package io.daylily.ec.app;

import io.daylily.ec.support.state.StateDirectory;
import io.daylily.ec.support.state.StateRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The {@code state_*.json} records in the config directory (PARITY §23), as {@code state list} shows them. */
final class StateRecords {
    /** One record; unreadable files are listed with status {@code ERROR}. */
    record Entry(String clusterName, String runId, String kind, String region, String status, String path) {
    }

    private StateRecords() {
    }

    /** Every record, oldest run first. */
    static List<Entry> list(Path configDir) {
        List<Entry> out = new ArrayList<>();
        for (StateDirectory.Located l : StateDirectory.all(configDir)) {
            if (!l.readable()) {
                out.add(new Entry("", "", "", "", "ERROR", l.path().toString()));
                continue;
            }
            StateRecord r = l.record();
            out.add(new Entry(r.clusterName(), r.runId(), r.kind(), r.text(StateRecord.REGION),
                    r.status().isEmpty() ? "unknown" : r.status(), l.path().toString()));
        }
        return out;
    }

    /** Each cluster's newest record (create or delete), clusters by name; unreadable files after them. */
    static List<Entry> latest(List<Entry> all) {
        Map<String, Entry> byCluster = new TreeMap<>();
        List<Entry> unreadable = new ArrayList<>();
        for (Entry e : all) {
            if (e.status().equals("ERROR")) {
                unreadable.add(e);
            } else {
                byCluster.merge(e.clusterName() + "\u0000" + e.region(), e, (a, b) -> b.runId().compareTo(a.runId()) >= 0 ? b : a);
            }
        }
        List<Entry> out = new ArrayList<>(byCluster.values());
        out.addAll(unreadable);
        return out;
    }

    /** The newest create record of {@code cluster}. */
    static Optional<Entry> latestCreate(List<Entry> all, String cluster) {
        return all.stream().filter(e -> e.clusterName().equals(cluster) && e.kind().equals(StateRecord.KIND_CREATE)
                && !e.status().equals("ERROR")).max(Comparator.comparing(Entry::runId));
    }
}
