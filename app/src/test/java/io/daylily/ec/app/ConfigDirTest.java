package io.daylily.ec.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.DaylilyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config directory is proven usable before a run sends anything. */
class ConfigDirTest {
    @TempDir
    Path dir;

    @Test
    void aNewDirectoryIsPrivateAndTheProbeLeavesNothingBehind() throws Exception {
        Path d = ConfigDir.ensure(dir.resolve("a/b/daylily"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(d)));
        try (Stream<Path> s = Files.list(d)) {
            assertEquals(0, s.count(), "no probe file left");
        }
        assertEquals(d, ConfigDir.ensure(d), "an existing directory is fine");
    }

    @Test
    void aFileWhereTheDirectoryShouldBeIsExit1NamingItAndTheFix() throws Exception {
        Path f = Files.writeString(dir.resolve("daylily"), "x");
        DaylilyException e = assertThrows(DaylilyException.class, () -> ConfigDir.ensure(f));
        assertEquals(1, e.exitCode().code());
        assertTrue(e.getMessage().contains(f + " is a file, not a directory") && e.getMessage().contains("DAYLILY_CONFIG_DIR"),
                e.getMessage());
        DaylilyException under = assertThrows(DaylilyException.class, () -> ConfigDir.ensure(f.resolve("sub")));
        assertTrue(under.getMessage().startsWith("cannot create config directory " + f.resolve("sub")), under.getMessage());
        assertEquals("x", Files.readString(f), "nothing lost");
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsExit1() throws Exception {
        // /proc/self is a directory no one can create files in, root included
        Path proc = Path.of("/proc/self");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(proc), "needs Linux /proc");
        DaylilyException e = assertThrows(DaylilyException.class, () -> ConfigDir.probe(proc));
        assertEquals(1, e.exitCode().code());
        assertTrue(e.getMessage().startsWith("config directory /proc/self cannot hold the run's files ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("free space there or set DAYLILY_CONFIG_DIR to a writable directory"), e.getMessage());
    }
}
