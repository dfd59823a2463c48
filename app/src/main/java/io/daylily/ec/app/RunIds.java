package io.daylily.ec.app;

import io.daylily.ec.api.Clock;
import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.stream.Stream;

/**
 * Run ids that never collide: a run id is the local {@code YYYYMMDDHHMMSS} of its start (the artifact
 * names' form), reserved by creating {@code <config dir>/run-ids/<id>} atomically. A second run that
 * starts in the same second finds its id taken and waits for the next second (issue #17). Reservations
 * older than a day are removed.
 */
final class RunIds {
    static final String DIR = "run-ids";
    static final int ATTEMPTS = 30;

    private RunIds() {
    }

    static String reserve(Path configDir, Clock clock) {
        Path dir = configDir.resolve(DIR);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DaylilyException(ExitCode.VALIDATION, "cannot create " + dir + " (where run ids are reserved): "
                    + e.getMessage() + "; check the config directory's permissions");
        }
        prune(dir, clock);
        for (int i = 0; i < ATTEMPTS; i++) {
            String id = clock.timestamp();
            try {
                Files.createFile(dir.resolve(id));
                return id;
            } catch (FileAlreadyExistsException taken) {
                try {
                    long ms = clock.now().toEpochMilli() % 1000;
                    clock.sleep(Duration.ofMillis(1000 - ms + 5)); // into the next second
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            } catch (IOException e) {
                throw new DaylilyException(ExitCode.VALIDATION, "cannot reserve a run id in " + dir + ": " + e.getMessage()
                        + "; check the config directory's permissions");
            }
        }
        throw new DaylilyException(ExitCode.VALIDATION, "no free run id in " + dir + " after " + ATTEMPTS
                + " seconds: too many runs start at once on this config directory");
    }

    /** Removes reservations of runs that started more than a day ago (their names sort before that moment's id). */
    static void prune(Path dir, Clock clock) {
        String dayAgo = LocalDateTime.ofInstant(clock.now().minus(Duration.ofDays(1)), clock.zone()).format(Clock.TIMESTAMP);
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.matches("[0-9]{14}") && n.compareTo(dayAgo) < 0) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // pruning is housekeeping; a reservation still works
        }
    }
}
