package io.daylily.ec.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterLockTest {
    @TempDir
    Path dir;

    @Test
    void oneRunAtATimePerClusterAndTheSecondIsToldWhoHoldsIt() throws Exception {
        try (ClusterLock first = new ClusterLock(dir); ClusterLock second = new ClusterLock(dir); ClusterLock other = new ClusterLock(dir)) {
            assertEquals(Optional.empty(), first.acquire("lab-cluster", "20260211120000", "create"));
            assertTrue(first.held());
            assertEquals(Optional.empty(), first.acquire("lab-cluster", "20260211120000", "create"), "held: nothing to do");
            Optional<String> busy = second.acquire("lab-cluster", "20260211120001", "delete");
            assertTrue(busy.isPresent());
            assertTrue(busy.get().startsWith("cluster lab-cluster is being changed by another run (run 20260211120000, create, pid "
                    + ProcessHandle.current().pid() + ", since "), busy.get());
            assertTrue(busy.get().endsWith("wait for it to finish, or end that process, then run again"), busy.get());
            assertFalse(second.held());
            assertEquals(Optional.empty(), other.acquire("other-cluster", "20260211120002", "create"), "another cluster is free");
            first.close();
            assertFalse(first.held());
            assertEquals(Optional.empty(), second.acquire("lab-cluster", "20260211120001", "delete"), "released: the next run takes it");
            assertTrue(Files.readString(dir.resolve("locks/lab-cluster.lock")).startsWith("run 20260211120001, delete, pid "),
                    "the file names the holder now");
            assertEquals(Optional.of("lab-cluster"), second.cluster());
        }
    }

    @Test
    void aLockDirectoryThatCannotBeMadeIsSaid() throws Exception {
        Files.writeString(dir.resolve("locks"), "not a directory");
        Optional<String> why = new ClusterLock(dir).acquire("c", "1", "create");
        assertTrue(why.orElseThrow().startsWith("cannot take the lock of cluster c in " + dir.resolve("locks")), why.get());
    }
}
