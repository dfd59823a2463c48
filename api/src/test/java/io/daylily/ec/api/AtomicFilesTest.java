package io.daylily.ec.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aSymlinkedFileIsRewrittenThroughTheLinkWhichStaysALink() throws Exception {
        Path real = Files.createDirectories(dir.resolve("dotfiles")).resolve("daylily.yaml");
        Files.writeString(real, "old\n");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r-----"));
        Path link = Files.createSymbolicLink(dir.resolve("config.yaml"), real);
        assertEquals(link, AtomicFiles.replace(link, "new\n"));
        assertTrue(Files.isSymbolicLink(link), "the link is not replaced by a plain file");
        assertEquals("new\n", Files.readString(real));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(real)), "the target keeps its mode");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(2, s.count(), "no temporary file left beside the link");
        }
    }

    @Test
    void aChainOfLinksReachesTheFileAndADanglingLinkIsAClearError() throws Exception {
        Path real = Files.writeString(dir.resolve("real.yaml"), "a");
        Path mid = Files.createSymbolicLink(dir.resolve("mid.yaml"), real);
        Path top = Files.createSymbolicLink(dir.resolve("top.yaml"), mid);
        AtomicFiles.replace(top, "b");
        assertEquals("b", Files.readString(real));
        assertTrue(Files.isSymbolicLink(mid) && Files.isSymbolicLink(top));
        Path dangling = Files.createSymbolicLink(dir.resolve("gone.yaml"), dir.resolve("nowhere.yaml"));
        DaylilyException e = assertThrows(DaylilyException.class, () -> AtomicFiles.replace(dangling, "c"));
        assertEquals(ExitCode.VALIDATION, e.exitCode());
        assertTrue(e.getMessage().startsWith("cannot write " + dangling), e.getMessage());
    }

    @Test
    void aPlainFileKeepsItsModeAndAPrivateOneIs0600() throws Exception {
        Path f = Files.writeString(dir.resolve("c.yaml"), "a");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-r--"));
        AtomicFiles.replace(f, "b");
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        Path p = AtomicFiles.writePrivate(dir.resolve("sub/state.json"), "{}");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
    }
}
