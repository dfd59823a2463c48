package io.daylily.ec.app.runtime;

import io.daylily.ec.api.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One run at a time per cluster (issue #17): {@code <config dir>/locks/<cluster>.lock}, held with an OS file
 * lock for as long as the run lasts. The operating system releases it when the process ends, however it
 * ends, so a lock left by a killed run is simply taken by the next one. The file names the holder (run id,
 * command, process id, start) for the message a second run prints.
 */
public final class ClusterLock implements AutoCloseable {
    private final Path dir;
    private FileChannel channel;
    private FileLock lock;
    private String cluster;

    public ClusterLock(Path configDir) {
        this.dir = configDir.resolve("locks");
    }

    /** Whether this run holds a cluster's lock. */
    public synchronized boolean held() {
        return lock != null;
    }

    /**
     * Takes the lock of {@code clusterName} for this run.
     *
     * @return empty when taken (or already held); else why not, naming the run that holds it and the way on
     */
    public synchronized Optional<String> acquire(String clusterName, String runId, String command) {
        if (lock != null) {
            return Optional.empty();
        }
        Path file = dir.resolve(AtomicFiles.safeName(clusterName) + ".lock");
        try {
            Files.createDirectories(dir);
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                l = null;
            }
            if (l == null) {
                String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
                ch.close();
                return Optional.of("cluster " + clusterName + " is being changed by another run (" + (holder.isEmpty()
                        ? "details unknown" : holder) + "); wait for it to finish, or end that process, then run again");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(("run " + runId + ", " + command + ", pid " + ProcessHandle.current().pid() + ", since "
                    + java.time.Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            channel = ch;
            lock = l;
            cluster = clusterName;
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot take the lock of cluster " + clusterName + " in " + dir + ": " + e.getMessage()
                    + "; check the config directory's permissions");
        }
    }

    /** The cluster whose lock is held, if any. */
    public synchronized Optional<String> cluster() {
        return Optional.ofNullable(cluster);
    }

    /** Releases the lock (the file stays, naming the last holder). */
    @Override
    public synchronized void close() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // the process is about to end; the OS releases the lock with it
        } finally {
            lock = null;
            channel = null;
        }
    }
}
