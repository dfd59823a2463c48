package io.daylily.ec.api;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Read-only lookups shared by the steps of one run: each key is looked up at most once, and a step
 * that knows early what a later step will need may start it in the background.
 *
 * <p>The later step asks with {@link #get}: it waits for a lookup already started, or makes it on
 * its own thread when nobody started it (a step run alone, a sequential run). A lookup that threw
 * hands its exception, as thrown, to the step that asks — so the step reports it exactly as if it
 * had made the call itself, at its own place in the report.
 *
 * <p>A key names every input of its lookup (operation, region or zone, filter values); a step that
 * asks with other inputs asks under another key. Only for reads whose answer the run itself does
 * not change (nothing the infra steps create).
 */
public final class Lookups {
    /** Turns background lookups off when {@code 1}: each lookup is made when its step asks for it. */
    public static final String SEQUENTIAL_ENV = "DAYLILY_SEQUENTIAL";

    /** A typed key; {@code name} is compared, so it must carry every input of the lookup. */
    public record Key<T>(String name) {
        public Key {
            Objects.requireNonNull(name, "name");
        }
    }

    private static final Executor DAEMON = r -> {
        Thread t = new Thread(r, "daylily-lookup");
        t.setDaemon(true);
        t.start();
    };

    private final Map<String, CompletableFuture<?>> results = new ConcurrentHashMap<>();
    private final boolean background;

    /** @param background whether {@link #start} runs lookups on background threads (otherwise it does nothing) */
    public Lookups(boolean background) {
        this.background = background;
    }

    /** Background lookups unless {@code DAYLILY_SEQUENTIAL=1} in {@code env}. */
    public static Lookups forEnv(Map<String, String> env) {
        return new Lookups(!"1".equals(env.get(SEQUENTIAL_ENV)));
    }

    /** Whether {@link #start} runs anything. */
    public boolean background() {
        return background;
    }

    /**
     * Starts {@code lookup} on a background thread unless this key was started or asked for already.
     * Returns at once; the lookup must not publish events or prompt (it runs off the step's thread).
     *
     * @return whether this call started it
     */
    public <T> boolean start(Key<T> key, Supplier<T> lookup) {
        if (!background) {
            return false;
        }
        boolean[] mine = {false};
        results.computeIfAbsent(key.name(), k -> {
            mine[0] = true;
            return CompletableFuture.supplyAsync(lookup, DAEMON);
        });
        return mine[0];
    }

    /**
     * The result under {@code key}: a started lookup's (waiting for it), an earlier {@code get}'s, or
     * {@code lookup}'s, run now on this thread. A lookup's unchecked exception is rethrown as is.
     */
    @SuppressWarnings("unchecked")
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
    public Set<String> keys() {
        return new TreeSet<>(results.keySet());
    }

    /**
     * Waits, up to {@code timeout} in all, for lookups still in flight, so a run that ended early
     * (a failed gate) ends with no request outstanding. Their results are dropped.
     *
     * @return whether none is left in flight
     */
    public boolean settle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (CompletableFuture<?> f : results.values()) {
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
        return true;
    }
}
