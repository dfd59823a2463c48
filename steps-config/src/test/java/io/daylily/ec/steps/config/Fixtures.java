package io.daylily.ec.steps.config;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the upstream fixtures ({@code ../shared/fixtures/upstream} beside the checkout) and the project root. */
final class Fixtures {
    private Fixtures() {
    }

    static Path upstream() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("shared/fixtures/upstream");
            if (Files.isDirectory(c)) {
                return c;
            }
        }
        throw new IllegalStateException("shared/fixtures/upstream not found above " + Path.of("").toAbsolutePath());
    }

    static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("config/daylily_ephemeral_cluster_template.yaml"))
                    && Files.isDirectory(p.resolve("steps-config"))) {
                return p;
            }
        }
        throw new IllegalStateException("project root not found");
    }
}
