package io.daylily.ec.app;

import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/** Where artifacts, reports, state, plug-ins and the debug log live. */
public final class ConfigDir {
    private ConfigDir() {
    }

    /** {@code DAYLILY_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/daylily}, else {@code ~/.config/daylily}. */
    public static Path resolve(Map<String, String> env) {
        String explicit = env.get("DAYLILY_CONFIG_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "daylily").toAbsolutePath();
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".config", "daylily").toAbsolutePath();
    }

    /** Creates the directory (mode 0700 when new). */
    public static Path ensure(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new DaylilyException(ExitCode.VALIDATION, "cannot create config directory " + dir + ": "
                    + e.getMessage() + "; set DAYLILY_CONFIG_DIR to a writable directory", e);
        }
    }
}
