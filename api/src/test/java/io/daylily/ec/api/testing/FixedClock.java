package io.daylily.ec.api.testing;

import io.daylily.ec.api.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock at a fixed local time (UTC) whose {@link #sleep} advances time instead of waiting. */
public final class FixedClock implements Clock {
    private Instant now;
    private final List<Duration> sleeps = new ArrayList<>();

    public FixedClock(Instant now) {
        this.now = now;
    }

    /** 2026-02-11 12:00:00 UTC, timestamp {@code 20260211120000}. */
    public static FixedClock standard() {
        return at("20260211120000");
    }

    /** A clock at the given {@code YYYYMMDDHHMMSS}. */
    public static FixedClock at(String timestamp) {
        return new FixedClock(LocalDateTime.parse(timestamp, TIMESTAMP).toInstant(ZoneOffset.UTC));
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public ZoneId zone() {
        return ZoneOffset.UTC;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        now = now.plus(duration);
    }

    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
