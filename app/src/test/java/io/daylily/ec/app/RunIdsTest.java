package io.daylily.ec.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.testing.FixedClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunIdsTest {
    @TempDir
    Path dir;

    @Test
    void twoRunsInTheSameSecondGetDifferentIdsOfTheSameForm() {
        FixedClock clock = FixedClock.at("20260211120000");
        String first = RunIds.reserve(dir, clock);
        String second = RunIds.reserve(dir, FixedClock.at("20260211120000"));
        assertEquals("20260211120000", first);
        assertEquals("20260211120001", second, "the next second, not a suffix: artifact names keep YYYYMMDDHHMMSS");
        assertTrue(Files.exists(dir.resolve("run-ids/20260211120000")));
    }

    @Test
    void concurrentReservationsNeverCollide() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(pool.submit(() -> RunIds.reserve(dir, FixedClock.at("20260211120000"))));
        }
        List<String> got = new ArrayList<>();
        for (Future<String> f : ids) {
            got.add(f.get(10, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals(8, got.stream().distinct().count(), got.toString());
        Collections.sort(got);
        assertEquals("20260211120007", got.get(7));
    }

    @Test
    void reservationsOlderThanADayGoAndATakenSecondIsSkippedOnlyWhileTaken() throws Exception {
        Files.createDirectories(dir.resolve("run-ids"));
        Files.createFile(dir.resolve("run-ids/20260210115959"));
        Files.createFile(dir.resolve("run-ids/20260210120000"));
        Files.createFile(dir.resolve("run-ids/notes.txt"));
        RunIds.reserve(dir, FixedClock.at("20260211120000"));
        assertFalse(Files.exists(dir.resolve("run-ids/20260210115959")), "a day and a second ago: gone");
        assertTrue(Files.exists(dir.resolve("run-ids/20260210120000")), "exactly a day ago: kept");
        assertTrue(Files.exists(dir.resolve("run-ids/notes.txt")), "not a run id: left alone");
    }

    @Test
    void aConfigDirectoryThatCannotHoldReservationsIsAClearError() throws Exception {
        Files.writeString(dir.resolve("run-ids"), "a file, not a directory");
        DaylilyException e = assertThrows(DaylilyException.class, () -> RunIds.reserve(dir, FixedClock.at("20260211120000")));
        assertEquals(1, e.exitCode().code());
        assertTrue(e.getMessage().startsWith("cannot create " + dir.resolve("run-ids")), e.getMessage());
    }
}
