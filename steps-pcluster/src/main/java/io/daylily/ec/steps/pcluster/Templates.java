package io.daylily.ec.steps.pcluster;

import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a cluster template: a file (relative to the working directory) or, failing that, the copy bundled in the jar. */
final class Templates {
    private Templates() {
    }

    static String read(String path, Path workDir) {
        Path p = workDir.resolve(path);
        try {
            if (Files.isRegularFile(p)) {
                return Files.readString(p);
            }
            ClassLoader cl = Templates.class.getClassLoader();
            try (InputStream in = path.startsWith("/") ? null : cl.getResourceAsStream(path)) {
                if (in != null) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new DaylilyException(ExitCode.VALIDATION, "cannot read the cluster template " + p + ": " + e.getMessage(), e);
        }
        throw new DaylilyException(ExitCode.VALIDATION, "Template not found: " + path + " (looked in " + workDir
                + " and in the bundled templates)");
    }
}
