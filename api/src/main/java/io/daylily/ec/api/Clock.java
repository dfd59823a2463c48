package io.daylily.ec.api;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Time for steps: now, the local zone, and sleeping (wait loops). Tests use a fixed clock that never sleeps. */
public interface Clock {
    DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    Instant now();

    /** The zone artifacts' timestamps are written in (local time). */
    ZoneId zone();

    /** Waits; a test clock advances {@link #now()} instead. */
    void sleep(Duration duration) throws InterruptedException;

    /** {@code now()} as local {@code YYYYMMDDHHMMSS}, the run id and artifact timestamp format. */
    default String timestamp() {
        return LocalDateTime.ofInstant(now(), zone()).format(TIMESTAMP);
    }

    /** The system clock. */
    static Clock system() {
        return new Clock() {
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public ZoneId zone() {
                return ZoneId.systemDefault();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                Thread.sleep(duration.toMillis());
            }
        };
    }
}
