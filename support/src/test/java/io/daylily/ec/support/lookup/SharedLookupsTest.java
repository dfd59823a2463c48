package io.daylily.ec.support.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.AwsClients;
import io.daylily.ec.api.Clock;
import io.daylily.ec.api.EventPublisher;
import io.daylily.ec.api.Lookups;
import io.daylily.ec.api.ProcessRunner;
import io.daylily.ec.api.Prompter;
import io.daylily.ec.api.StepServices;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SharedLookupsTest {
    private static final Lookups.Key<String> KEY = new Lookups.Key<>("ec2:DescribeKeyPairs:us-west-2");

    @Test
    void aStartedLookupRunsOffThisThreadOnceAndGetWaitsForIt() throws Exception {
        Lookups lookups = new SharedLookups(true);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        assertTrue(lookups.start(KEY, () -> {
            calls.incrementAndGet();
            ranOn.set(Thread.currentThread());
            await(release);
            return "pairs";
        }));
        assertFalse(lookups.start(KEY, () -> "second"), "a second start of the same key starts nothing");
        release.countDown();
        assertEquals("pairs", lookups.get(KEY, () -> "from get"), "get takes the started result, not its own");
        assertEquals("pairs", lookups.get(KEY, () -> "again"));
        assertEquals(1, calls.get());
        assertNotEquals(Thread.currentThread(), ranOn.get());
        assertTrue(ranOn.get().isDaemon(), "a lookup never keeps the JVM alive");
    }

    @Test
    void getWithoutStartRunsOnTheCallerAndRemembers() {
        Lookups lookups = new SharedLookups(true);
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Lookups.Key<List<String>> key = new Lookups.Key<>("k");
        List<String> first = lookups.get(key, () -> {
            calls.incrementAndGet();
            ranOn.set(Thread.currentThread());
            return List.of("a");
        });
        assertSame(first, lookups.get(key, () -> List.of("b")));
        assertEquals(1, calls.get(), "no lookup repeated within a run");
        assertSame(Thread.currentThread(), ranOn.get());
    }

    @Test
    void keysWithOtherInputsAreOtherLookups() {
        Lookups lookups = new SharedLookups(true);
        assertEquals("west", lookups.get(new Lookups.Key<String>("quotas:us-west-2"), () -> "west"));
        assertEquals("east", lookups.get(new Lookups.Key<String>("quotas:us-east-1"), () -> "east"));
        assertEquals(Set.of("quotas:us-east-1", "quotas:us-west-2"), lookups.keys());
    }

    @Test
    void sequentialStartsNothingAndEachGetMakesItsCall() {
        Lookups lookups = SharedLookups.forEnv(Map.of("DAYLILY_SEQUENTIAL", "1"));
        assertFalse(lookups.background());
        AtomicInteger calls = new AtomicInteger();
        assertFalse(lookups.start(KEY, () -> "x" + calls.incrementAndGet()));
        assertEquals(0, calls.get(), "nothing is sent for a gate the run does not reach");
        assertEquals("y", lookups.get(KEY, () -> "y"));
        assertTrue(SharedLookups.forEnv(Map.of()).background());
    }

    @Test
    void aLookupsFailureReachesTheStepThatAsksAsThrown() {
        Lookups lookups = new SharedLookups(true);
        IllegalStateException denied = new IllegalStateException("AccessDenied");
        lookups.start(KEY, () -> {
            throw denied;
        });
        assertSame(denied, assertThrows(IllegalStateException.class, () -> lookups.get(KEY, () -> "retry")));
        assertSame(denied, assertThrows(IllegalStateException.class, () -> lookups.get(KEY, () -> "retry")),
                "a failed lookup is not repeated either");
        Lookups.Key<String> inline = new Lookups.Key<>("inline");
        UnsupportedOperationException thrown = new UnsupportedOperationException("no");
        assertSame(thrown, assertThrows(UnsupportedOperationException.class, () -> lookups.get(inline, () -> {
            throw thrown;
        })));
        assertSame(thrown, assertThrows(UnsupportedOperationException.class, () -> lookups.get(inline, () -> "later")));
    }

    @Test
    void settleWaitsForLookupsInFlightAndGivesUpAtTheTimeout() throws Exception {
        Lookups lookups = new SharedLookups(true);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger done = new AtomicInteger();
        lookups.start(KEY, () -> {
            await(release);
            done.incrementAndGet();
            return "late";
        });
        lookups.start(new Lookups.Key<String>("fails"), () -> {
            throw new IllegalStateException("denied");
        });
        assertFalse(lookups.settle(Duration.ofMillis(50)), "one is still in flight");
        assertEquals(0, done.get());
        release.countDown();
        assertTrue(lookups.settle(Duration.ofSeconds(10)), "a failed lookup counts as settled");
        assertEquals(1, done.get());
        assertTrue(new SharedLookups(true).settle(Duration.ZERO), "nothing started: nothing to wait for");
    }


    @Test
    void settleAlsoWaitsForALookupThatALookupStarted() {
        Lookups lookups = new SharedLookups(true);
        AtomicInteger done = new AtomicInteger();
        for (int i = 0; i < 20; i++) { // the race it closes: the first ends, the second has not yet run
            String n = "outer" + i;
            lookups.start(new Lookups.Key<String>(n), () -> {
                lookups.start(new Lookups.Key<String>(n + ":inner"), () -> {
                    sleep(Duration.ofMillis(30));
                    done.incrementAndGet();
                    return "inner";
                });
                return "outer";
            });
            assertTrue(lookups.settle(Duration.ofSeconds(10)));
            assertEquals(i + 1, done.get(), "settled with the inner lookup of round " + i + " still running");
        }
    }
    @Test
    void theDefaultServicesShareNothing() {
        StepServices none = new StepServices() {
            @Override
            public EventPublisher events() {
                return null;
            }

            @Override
            public Prompter prompter() {
                return null;
            }

            @Override
            public AwsClients aws() {
                return null;
            }

            @Override
            public ProcessRunner processes() {
                return null;
            }

            @Override
            public Clock clock() {
                return null;
            }

            @Override
            public java.nio.file.Path configDir() {
                return null;
            }

            @Override
            public Map<String, String> env() {
                return Map.of();
            }
        };
        AtomicInteger calls = new AtomicInteger();
        none.lookups().get(KEY, () -> "a" + calls.incrementAndGet());
        none.lookups().get(KEY, () -> "a" + calls.incrementAndGet());
        assertEquals(2, calls.get());
        assertFalse(none.lookups().background());
        assertFalse(none.lookups().start(KEY, () -> "never"), "none starts nothing");
        assertEquals(Set.of(), none.lookups().keys());
        assertTrue(none.lookups().settle(Duration.ZERO));
        assertEquals(2, calls.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sleeps {@code d}; returns whether it was interrupted first (and then keeps the thread's flag clear). */
    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    @Test
    void endStopsAnExternalProgramAtOnceAndWaitsForAnAwsRead() throws Exception {
        SharedLookups lookups = new SharedLookups(true);
        CountDownLatch readRelease = new CountDownLatch(1);
        CountDownLatch programStarted = new CountDownLatch(1);
        AtomicReference<Boolean> programInterrupted = new AtomicReference<>(false);
        AtomicReference<Boolean> readFinished = new AtomicReference<>(false);
        lookups.start(new Lookups.Key<String>(Lookups.PROCESS + "verifier:x"), () -> {
            programStarted.countDown();
            programInterrupted.set(sleep(Duration.ofMinutes(1)));
            return "stopped";
        });
        lookups.start(KEY, () -> {
            await(readRelease);
            readFinished.set(true);
            return "pairs";
        });
        assertTrue(programStarted.await(10, TimeUnit.SECONDS));
        new Thread(() -> {
            sleep(Duration.ofMillis(200));
            readRelease.countDown();
        }).start();
        assertFalse(lookups.end(Duration.ofSeconds(10)), "a program had to be stopped");
        assertTrue(programInterrupted.get(), "the program's thread was interrupted");
        assertTrue(readFinished.get(), "the AWS read was let land");
        assertTrue(lookups.end(Duration.ofSeconds(1)), "nothing left to stop");
    }

    @Test
    void endStopsAReadStillRunningAfterTheTimeout() throws Exception {
        SharedLookups lookups = new SharedLookups(true);
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Boolean> interrupted = new AtomicReference<>(false);
        lookups.start(KEY, () -> {
            started.countDown();
            interrupted.set(sleep(Duration.ofMinutes(1)));
            return "late";
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertFalse(lookups.end(Duration.ofMillis(50)));
        long deadline = System.currentTimeMillis() + 10_000;
        while (!interrupted.get() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(interrupted.get());
    }
}
