package io.daylily.ec.api.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the upstream fixtures ({@code shared/fixtures/upstream}, beside the checkout) from any module's tests. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path upstream() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("shared/fixtures/upstream");
            if (Files.isDirectory(c)) {
                return c;
            }
        }
        throw new IllegalStateException("shared/fixtures/upstream not found above " + Path.of("").toAbsolutePath());
    }

    /** The project root (the directory with {@code config/} and the module directories). */
    public static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("config/daylily_ephemeral_cluster_template.yaml"))
                    && Files.isDirectory(p.resolve("api"))) {
                return p;
            }
        }
        throw new IllegalStateException("project root not found");
    }
}
