package io.daylily.ec.support.state;

import io.daylily.ec.api.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The state records of a config directory ({@code state_*.json}), in run-id order. */
public final class StateDirectory {
    /** A record and its file; {@code record} is null when the file could not be read as one. */
    public record Located(Path path, StateRecord record) {
        public boolean readable() {
            return record != null;
        }
    }

    private StateDirectory() {
    }

    /** Every {@code state_*.json} of {@code configDir}, oldest run first (unreadable files last, by name). */
    public static List<Located> all(Path configDir) {
        List<Located> out = new ArrayList<>();
        if (!Files.isDirectory(configDir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(configDir)) {
            for (Path p : s.filter(f -> f.getFileName().toString().matches("state_.*\\.json")).sorted().toList()) {
                try {
                    out.add(new Located(p, StateRecord.read(p, ExitCode.VALIDATION)));
                } catch (RuntimeException e) {
                    out.add(new Located(p, null));
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(Comparator.comparing((Located l) -> l.readable() ? 0 : 1)
                .thenComparing(l -> l.readable() ? l.record().runId() : "")
                .thenComparing(l -> l.path().getFileName().toString()));
        return out;
    }

    /** The readable records of {@code cluster} before run {@code runId}, oldest first. */
    public static List<Located> before(Path configDir, String cluster, String runId) {
        return all(configDir).stream().filter(Located::readable)
                .filter(l -> l.record().clusterName().equals(cluster) && l.record().runId().compareTo(runId) < 0).toList();
    }

    /**
     * The create record whose resources a new create of {@code cluster} in {@code regionAz} inherits: the
     * latest earlier create there, unless a complete delete of the cluster came after it (its resources are gone).
     */
    public static Optional<StateRecord> inheritedFrom(List<Located> earlier, String regionAz) {
        StateRecord found = null;
        for (Located l : earlier) {
            StateRecord r = l.record();
            String region = regionAz.isEmpty() ? "" : regionAz.substring(0, regionAz.length() - 1);
            if (r.kind().equals(StateRecord.KIND_DELETE) && r.status().equals("complete") && r.region().equals(region)) {
                found = null;
            } else if (r.kind().equals(StateRecord.KIND_CREATE) && r.text(StateRecord.REGION_AZ).equals(regionAz)) {
                found = r;
            }
        }
        return Optional.ofNullable(found);
    }
}
