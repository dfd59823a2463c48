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

    /** Bytes written by the probe: more than a run's artifacts, reports and state files take together. */
    static final int PROBE_BYTES = 256 * 1024;

    /**
     * Creates the directory (mode 0700 when new) and proves it can hold the run's files with a probe
     * write (written, flushed to disk, deleted), so an unwritable or full directory is exit 1 before
     * anything is sent to AWS rather than a run that changed AWS and could not record it.
     */
    public static Path ensure(Path dir) {
        createPrivate(dir);
        probe(dir);
        return dir;
    }

    /** Creates the directory, mode 0700, when it does not exist yet (no probe). */
    static void createPrivate(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new DaylilyException(ExitCode.VALIDATION, "config directory " + dir + " is a file, not a directory;"
                    + " move it away or set DAYLILY_CONFIG_DIR to a writable directory");
        }
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                }
            }
        } catch (IOException e) {
            throw new DaylilyException(ExitCode.VALIDATION, "cannot create config directory " + dir + ": "
                    + reason(e) + "; set DAYLILY_CONFIG_DIR to a writable directory", e);
        }
    }

    static void probe(Path dir) {
        Path p = null;
        try {
            p = Files.createTempFile(dir, ".daylily-probe-", ".tmp");
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer zeros = java.nio.ByteBuffer.allocate(PROBE_BYTES);
                while (zeros.hasRemaining()) {
                    ch.write(zeros);
                }
                ch.force(true);
            }
        } catch (IOException e) {
            throw new DaylilyException(ExitCode.VALIDATION, "config directory " + dir + " cannot hold the run's files ("
                    + reason(e) + "); free space there or set DAYLILY_CONFIG_DIR to a writable directory", e);
        } finally {
            if (p != null) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // the probe file is named as ours; a later run removes nothing else
                }
            }
        }
    }

    private static String reason(IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e instanceof java.nio.file.AccessDeniedException ? "permission denied: " + m
                : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason() : m;
    }
}
