package io.daylily.ec.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files so that a reader (or a crash) never sees half a file: the text goes to a temporary
 * file in the same directory, is flushed to disk, and is renamed over the target. Reports, state and
 * artifacts are private ({@code 0600}); a rewritten user file keeps its own permissions.
 */
public final class AtomicFiles {
    public static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");

    private AtomicFiles() {
    }

    /** Writes {@code text} (UTF-8) to {@code target} atomically with mode 0600; creates parent directories. */
    public static Path writePrivate(Path target, String text) {
        return write(target, text.getBytes(StandardCharsets.UTF_8), PRIVATE);
    }

    /**
     * Replaces an existing file atomically, keeping its permissions (for the user's own config file). A
     * symbolic link is followed: the file it points to is rewritten (in that file's directory) and the link
     * stays a link. Returns {@code target} as given.
     */
    public static Path replace(Path target, String text) {
        Set<PosixFilePermission> perms = null;
        Path real = target;
        try {
            if (Files.isSymbolicLink(target)) {
                real = target.toRealPath(); // the link's final target; a dangling link is an error naming it
            }
            if (Files.exists(real) && posix()) {
                perms = Files.getPosixFilePermissions(real);
            }
        } catch (IOException e) {
            throw new DaylilyException(ExitCode.VALIDATION, "cannot write " + target + ": " + e.getMessage()
                    + " (a symbolic link whose target cannot be reached?)", e);
        }
        write(real, text.getBytes(StandardCharsets.UTF_8), perms);
        return target;
    }

    private static Path write(Path target, byte[] bytes, Set<PosixFilePermission> perms) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            if (perms != null && posix()) {
                Files.setPosixFilePermissions(tmp, perms);
            }
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                var buf = java.nio.ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            return target;
        } catch (IOException e) {
            throw new DaylilyException(ExitCode.VALIDATION, "cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the target is untouched either way
                }
            }
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** PARITY §23: every character other than letters, digits, {@code -}, {@code _} becomes {@code _}; empty → {@code unknown}. */
    public static String safeName(String name) {
        if (name == null || name.isEmpty()) {
            return "unknown";
        }
        return name.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
