package io.daylily.ec.support.lookup;

import io.daylily.ec.api.Lookups;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The runtime's {@link Lookups}: one per run, each key looked up at most once, {@link #start}ed
 * lookups on daemon threads (unless {@code DAYLILY_SEQUENTIAL=1}), a failed lookup's exception
 * rethrown as is to the step that asks.
 */
public final class SharedLookups implements Lookups {
    /** Turns background lookups off when {@code 1}: each lookup is made when its step asks for it. */
    public static final String SEQUENTIAL_ENV = "DAYLILY_SEQUENTIAL";

    private final Map<String, CompletableFuture<?>> results = new ConcurrentHashMap<>();
    /** The threads of started lookups still running, by key, so that {@link #end} can stop them. */
    private final Map<String, Thread> running = new ConcurrentHashMap<>();
    private final boolean background;

    /** @param background whether {@link #start} runs lookups on background threads (otherwise it does nothing) */
    public SharedLookups(boolean background) {
        this.background = background;
    }

    /** Background lookups unless {@code DAYLILY_SEQUENTIAL=1} in {@code env}. */
    public static SharedLookups forEnv(Map<String, String> env) {
        return new SharedLookups(!"1".equals(env.get(SEQUENTIAL_ENV)));
    }

    /** Whether {@link #start} runs anything. */
    @Override
    public boolean background() {
        return background;
    }

    /**
     * Starts {@code lookup} on a background thread unless this key was started or asked for already.
     * Returns at once; the lookup must not publish events or prompt (it runs off the step's thread).
     *
     * @return whether this call started it
     */
    @Override
    public <T> boolean start(Key<T> key, Supplier<T> lookup) {
        if (!background) {
            return false;
        }
        boolean[] mine = {false};
        results.computeIfAbsent(key.name(), k -> {
            mine[0] = true;
            CompletableFuture<T> f = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    f.complete(lookup.get());
                } catch (RuntimeException | Error e) {
                    f.completeExceptionally(e);
                } finally {
                    running.remove(k, Thread.currentThread());
                }
            }, "daylily-lookup");
            t.setDaemon(true);
            running.put(k, t);
            t.start();
            return f;
        });
        return mine[0];
    }

    /**
     * The result under {@code key}: a started lookup's (waiting for it), an earlier {@code get}'s, or
     * {@code lookup}'s, run now on this thread. A lookup's unchecked exception is rethrown as is.
     */
    @SuppressWarnings("unchecked")
    @Override
    public <T> T get(Key<T> key, Supplier<T> lookup) {
        CompletableFuture<?> f = results.get(key.name());
        if (f == null) {
            CompletableFuture<T> mine = new CompletableFuture<>();
            CompletableFuture<?> prior = results.putIfAbsent(key.name(), mine);
            if (prior == null) {
                try {
                    mine.complete(lookup.get());
                } catch (RuntimeException | Error e) {
                    mine.completeExceptionally(e);
                }
                f = mine;
            } else {
                f = prior;
            }
        }
        try {
            return (T) f.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** The keys started or asked for so far, sorted. */
    @Override
    public Set<String> keys() {
        return new TreeSet<>(results.keySet());
    }

    /**
     * Waits, up to {@code timeout} in all, for lookups still in flight, so a run that ended early
     * (a failed gate) ends with no request outstanding. Their results are dropped.
     *
     * @return whether none is left in flight
     */
    @Override
    public boolean settle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = -1;
        while (seen != results.size()) { // a lookup may start another (the verifier after the listing)
            seen = results.size();
            for (CompletableFuture<?> f : List.copyOf(results.values())) {
                long left = deadline - System.nanoTime();
                try {
                    f.get(Math.max(0, left), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                } catch (TimeoutException e) {
                    return false;
                } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                    // a failed lookup is settled; whoever needed it has reported it
                }
            }
        }
        return true;
    }

    /**
     * Stops the external programs still running at once, waits up to {@code timeout} for the other
     * lookups, then stops what is left (see {@link Lookups#end}).
     */
    @Override
    public boolean end(Duration timeout) {
        boolean none = stop(k -> k.startsWith(PROCESS)) == 0;
        if (!settle(timeout)) {
            none = false;
        }
        return stop(k -> true) == 0 && none;
    }

    /** Interrupts the running lookups whose key matches; how many were running. */
    private int stop(java.util.function.Predicate<String> which) {
        int n = 0;
        for (Map.Entry<String, Thread> e : running.entrySet()) {
            CompletableFuture<?> f = results.get(e.getKey());
            if (which.test(e.getKey()) && f != null && !f.isDone()) {
                e.getValue().interrupt();
                n++;
            }
        }
        return n;
    }
}
