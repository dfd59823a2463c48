package io.daylily.ec.support;

import io.daylily.ec.api.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The one wait loop: look, and until the look says done, sleep the interval on the run's clock. A
 * look that could not read the state (a failed call) is not taken for any state; {@code maxUnreadable}
 * of them in a row end the wait, as does the timeout (measured from the first look). What ends the
 * wait otherwise — a terminal state, such as {@code CREATE_FAILED} — the look itself throws.
 */
public final class Poller {
    /** One look at what is waited for. */
    public sealed interface Look<T> {
        /** It is there: the wait ends with {@code value}. */
        record Done<T>(T value) implements Look<T> {
        }

        /** Not yet; {@code status} is what it is now. */
        record Pending<T>(String status) implements Look<T> {
        }

        /** The state could not be read; {@code problem} says why. */
        record Unreadable<T>(String problem) implements Look<T> {
        }
    }

    /** How a wait that did not end in {@link Look.Done} is reported: each returns the exception to throw. */
    public interface Ending {
        RuntimeException timedOut(String lastStatus, Duration waited);

        RuntimeException unreadable(String lastProblem, int times);

        RuntimeException interrupted();
    }

    @FunctionalInterface
    public interface Probe<T> {
        Look<T> look();
    }

    private final Clock clock;
    private final Duration interval;
    private final Duration timeout;
    private final int maxUnreadable;

    /**
     * @param interval      the sleep between looks (0: look again at once)
     * @param timeout       the longest wait, from the first look
     * @param maxUnreadable unreadable looks in a row that end the wait (at least 1)
     */
    public Poller(Clock clock, Duration interval, Duration timeout, int maxUnreadable) {
        if (maxUnreadable < 1 || interval.isNegative() || timeout.isNegative()) {
            throw new IllegalArgumentException("interval and timeout >= 0, maxUnreadable >= 1");
        }
        this.clock = clock;
        this.interval = interval;
        this.timeout = timeout;
        this.maxUnreadable = maxUnreadable;
    }

    public static <T> Look<T> done(T value) {
        return new Look.Done<>(value);
    }

    public static <T> Look<T> pending(String status) {
        return new Look.Pending<>(status);
    }

    public static <T> Look<T> unreadable(String problem) {
        return new Look.Unreadable<>(problem);
    }

    /** Looks until done; see the class comment for how else it ends. An interrupt keeps the thread's flag set. */
    public <T> T await(Probe<T> probe, Ending ending) {
        Instant start = clock.now();
        String lastStatus = null;
        int unreadable = 0;
        while (true) {
            Look<T> look = probe.look();
            if (look instanceof Look.Done<T> d) {
                return d.value();
            }
            if (look instanceof Look.Unreadable<T> u) {
                if (++unreadable >= maxUnreadable) {
                    throw ending.unreadable(u.problem(), unreadable);
                }
            } else {
                unreadable = 0;
                lastStatus = ((Look.Pending<T>) look).status();
            }
            Duration waited = Duration.between(start, clock.now());
            if (waited.compareTo(timeout) >= 0) {
                throw ending.timedOut(lastStatus, waited);
            }
            try {
                clock.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ending.interrupted();
            }
        }
    }
}
