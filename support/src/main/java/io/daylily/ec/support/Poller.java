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
    private final java.util.function.UnaryOperator<Duration> intervalAt;
    private final Duration timeout;
    private final int maxUnreadable;
    private final boolean sleepFirst;

    /**
     * @param interval      the sleep between looks (0: look again at once)
     * @param timeout       the longest wait, from the first look
     * @param maxUnreadable unreadable looks in a row that end the wait (at least 1)
     */
    public Poller(Clock clock, Duration interval, Duration timeout, int maxUnreadable) {
        this(clock, waited -> interval, timeout, maxUnreadable, false);
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval and timeout >= 0, maxUnreadable >= 1");
        }
    }

    /**
     * A wait whose interval depends on how long it has waited: {@code intervalAt} maps the time since the
     * wait began to the sleep before the next look (a negative one counts as 0).
     *
     * @param sleepFirst whether to sleep one interval before the first look (the state was just seen)
     */
    public Poller(Clock clock, java.util.function.UnaryOperator<Duration> intervalAt, Duration timeout, int maxUnreadable,
                  boolean sleepFirst) {
        if (maxUnreadable < 1 || timeout.isNegative()) {
            throw new IllegalArgumentException("interval and timeout >= 0, maxUnreadable >= 1");
        }
        this.clock = clock;
        this.intervalAt = intervalAt;
        this.timeout = timeout;
        this.maxUnreadable = maxUnreadable;
        this.sleepFirst = sleepFirst;
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
        if (sleepFirst && !sleep(Duration.ZERO)) {
            throw ending.interrupted();
        }
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
            if (!sleep(waited)) {
                throw ending.interrupted();
            }
        }
    }

    /** Sleeps the interval due after {@code waited}; false when interrupted (the flag is set again). */
    private boolean sleep(Duration waited) {
        Duration d = intervalAt.apply(waited);
        try {
            clock.sleep(d.isNegative() ? Duration.ZERO : d);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
