package io.daylily.ec.steps.preflight;

import io.daylily.ec.support.pcluster.PclusterClient;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Where the external programs are, and how to override them (environment variables). */
final class Tools {
    static final String PCLUSTER_ENV = PclusterClient.BINARY_ENV;
    static final String VERIFIER_ENV = "DAYLILY_REFERENCE_VERIFIER";
    static final String EXPECTED_VERSION_ENV = "DAYLILY_PCLUSTER_VERSION";
    static final String EXPECTED_PCLUSTER_VERSION = "3.13.2";
    static final String VERIFIER = "daylily-omics-references.sh";

    private Tools() {
    }

    static String pcluster(Map<String, String> env) {
        return PclusterClient.binary(env);
    }

    static String verifier(Map<String, String> env) {
        return env.getOrDefault(VERIFIER_ENV, VERIFIER);
    }

    /** The executable a name resolves to: itself when it has a slash, else the first match on PATH. */
    static Optional<Path> find(String name, Map<String, String> env) {
        if (name.contains("/")) {
            Path p = Path.of(name);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
