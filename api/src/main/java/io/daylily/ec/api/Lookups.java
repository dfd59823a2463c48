package io.daylily.ec.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Read-only lookups shared by the steps of one run (a port: the runtime's implementation is the
 * support module's {@code SharedLookups}): each key is looked up at most once, and a step that knows
 * early what a later step will need may {@link #start} it in the background.
 *
 * <p>The later step asks with {@link #get}: it waits for a lookup already started, or makes it on its
 * own thread when nobody started it. A lookup that threw hands its exception, as thrown, to the step
 * that asks — so the step reports it exactly as if it had made the call itself.
 *
 * <p>A key names every input of its lookup (operation, region or zone, filter values). Only for reads
 * whose answer the run itself does not change (nothing the infra steps create).
 */
public interface Lookups {
    /**
     * Keys of lookups that run an external program (a {@code pcluster} or verifier process) start with
     * this: when the run ends they are stopped at once instead of waited for (see {@link #end}).
     */
    String PROCESS = "process:";

    /** A typed key; {@code name} is compared, so it must carry every input of the lookup. */
    record Key<T>(String name) {
        public Key {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * Starts {@code lookup} in the background unless this key was started or asked for already; returns
     * at once. The lookup must not publish events or prompt (it runs off the step's thread).
     *
     * @return whether this call started it
     */
    <T> boolean start(Key<T> key, Supplier<T> lookup);

    /** The result under {@code key}: a started lookup's (waiting for it), an earlier {@code get}'s, or {@code lookup}'s, run now. */
    <T> T get(Key<T> key, Supplier<T> lookup);

    /** Whether {@link #start} runs anything. */
    boolean background();

    /** The keys started or asked for so far, sorted. */
    Set<String> keys();

    /**
     * Waits, up to {@code timeout} in all, for lookups still in flight (their results are dropped).
     *
     * @return whether none is left in flight
     */
    boolean settle(Duration timeout);

    /**
     * The run is over: lookups of external programs ({@link #PROCESS} keys) still running are
     * stopped at once (their thread is interrupted, so the process runner ends the child); the others
     * are waited for up to {@code timeout}, then stopped too. Results are dropped.
     *
     * @return whether nothing had to be stopped
     */
    default boolean end(Duration timeout) {
        return settle(timeout);
    }

    /** Shares nothing and starts nothing: each {@code get} makes its call on the caller's thread. */
    static Lookups none() {
        return None.INSTANCE;
    }

    /** {@link #none()}. */
    enum None implements Lookups {
        INSTANCE;

        @Override
        public <T> boolean start(Key<T> key, Supplier<T> lookup) {
            return false;
        }

        @Override
        public <T> T get(Key<T> key, Supplier<T> lookup) {
            return lookup.get();
        }

        @Override
        public boolean background() {
            return false;
        }

        @Override
        public Set<String> keys() {
            return Set.of();
        }

        @Override
        public boolean settle(Duration timeout) {
            return true;
        }
    }
}
