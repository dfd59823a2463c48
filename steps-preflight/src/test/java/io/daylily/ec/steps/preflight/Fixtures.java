package io.daylily.ec.steps.preflight;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates {@code shared/fixtures/upstream} beside the checkout. */
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
        throw new IllegalStateException("shared/fixtures/upstream not found");
    }
}
