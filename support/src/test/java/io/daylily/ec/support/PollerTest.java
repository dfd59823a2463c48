package io.daylily.ec.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.Clock;
import io.daylily.ec.api.testing.FixedClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one wait loop: done, pending, unreadable in a row, timeout, interrupt. */
class PollerTest {
    static final class Ended extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String how;

        Ended(String how) {
            super(how);
            this.how = how;
        }
    }

    static final Poller.Ending ENDING = new Poller.Ending() {
        @Override
        public RuntimeException timedOut(String lastStatus, Duration waited) {
            return new Ended("timeout:" + lastStatus + ":" + waited.toSeconds());
        }

        @Override
        public RuntimeException unreadable(String lastProblem, int times) {
            return new Ended("unreadable:" + lastProblem + ":" + times);
        }

        @Override
        public RuntimeException interrupted() {
            return new Ended("interrupted");
        }
    };

    @SafeVarargs
    private static <T> Poller.Probe<T> script(Poller.Look<T>... looks) {
        Deque<Poller.Look<T>> q = new ArrayDeque<>(List.of(looks));
        return q::removeFirst;
    }

    @Test
    void doneEndsTheWaitAfterSleepingBetweenLooks() {
        FixedClock clock = FixedClock.standard();
        String v = new Poller(clock, Duration.ofSeconds(30), Duration.ofMinutes(10), 3)
                .await(script(Poller.pending("A"), Poller.pending("B"), Poller.done("ok")), ENDING);
        assertEquals("ok", v);
        assertEquals(List.of(Duration.ofSeconds(30), Duration.ofSeconds(30)), clock.sleeps(), "no sleep after the last look");
    }

    @Test
    void unreadableLooksInARowEndTheWaitAndAReadableOneResetsTheCount() {
        FixedClock clock = FixedClock.standard();
        Poller p = new Poller(clock, Duration.ZERO, Duration.ofHours(1), 3);
        assertEquals("ok", p.await(script(Poller.unreadable("x"), Poller.unreadable("y"), Poller.pending("P"),
                Poller.unreadable("z"), Poller.unreadable("z"), Poller.done("ok")), ENDING), "two in a row, twice: under 3");
        Ended e = assertThrows(Ended.class, () -> p.await(script(Poller.unreadable("a"), Poller.unreadable("b"),
                Poller.unreadable("c"), Poller.done("never")), ENDING));
        assertEquals("unreadable:c:3", e.how, "the third in a row, with the last problem");
        Ended one = assertThrows(Ended.class, () -> new Poller(clock, Duration.ZERO, Duration.ofHours(1), 1)
                .await(script(Poller.unreadable("only")), ENDING));
        assertEquals("unreadable:only:1", one.how);
    }

    @Test
    void theTimeoutCountsFromTheFirstLookAndNamesTheLastStatus() {
        FixedClock clock = FixedClock.standard();
        Poller p = new Poller(clock, Duration.ofSeconds(60), Duration.ofSeconds(120), 5);
        Ended e = assertThrows(Ended.class, () -> p.await(script(Poller.pending("A"), Poller.pending("B"),
                Poller.unreadable("?"), Poller.done("late")), ENDING));
        assertEquals("timeout:B:120", e.how, "after two sleeps of 60 s, 120 s have passed: the last accepted wait is 60");
        assertEquals(2, clock.sleeps().size());
        Ended none = assertThrows(Ended.class, () -> new Poller(clock, Duration.ZERO, Duration.ZERO, 5)
                .await(script(Poller.unreadable("?")), ENDING));
        assertEquals("timeout:null:0", none.how, "no status read before the timeout");
    }

    @Test
    void anInterruptedSleepEndsTheWaitAndKeepsTheFlag() {
        Clock interrupting = new Clock() {
            @Override
            public Instant now() {
                return Instant.EPOCH;
            }

            @Override
            public ZoneId zone() {
                return ZoneId.of("UTC");
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                throw new InterruptedException();
            }
        };
        try {
            Ended e = assertThrows(Ended.class, () -> new Poller(interrupting, Duration.ofSeconds(1), Duration.ofHours(1), 5)
                    .await(script(Poller.pending("A"), Poller.done("x")), ENDING));
            assertEquals("interrupted", e.how);
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void nonsenseSettingsAreRefused() {
        FixedClock c = FixedClock.standard();
        assertThrows(IllegalArgumentException.class, () -> new Poller(c, Duration.ZERO, Duration.ZERO, 0));
        assertThrows(IllegalArgumentException.class, () -> new Poller(c, Duration.ofSeconds(-1), Duration.ZERO, 1));
        assertThrows(IllegalArgumentException.class, () -> new Poller(c, Duration.ZERO, Duration.ofSeconds(-1), 1));
    }
}
