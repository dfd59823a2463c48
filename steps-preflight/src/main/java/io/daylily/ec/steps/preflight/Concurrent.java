package io.daylily.ec.steps.preflight;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs independent read-only lookups concurrently and returns results in input order (reports keep
 * their fixed order). {@code DAYLILY_SEQUENTIAL=1} runs them one by one, for side-by-side benchmarks.
 */
final class Concurrent {
    static final String SEQUENTIAL_ENV = "DAYLILY_SEQUENTIAL";
    private static final int MAX_THREADS = 8;

    private Concurrent() {
    }

    /**
     * Starts {@code fn} now on a daemon thread and returns a supplier that waits for its result (its
     * own exception rethrown as is); with {@code DAYLILY_SEQUENTIAL=1} the supplier runs {@code fn}
     * when asked instead. For a lookup whose result is needed later in the same gate.
     */
    static <R> java.util.function.Supplier<R> early(java.util.function.Supplier<R> fn, Map<String, String> env) {
        if ("1".equals(env.get(SEQUENTIAL_ENV))) {
            return fn;
        }
        java.util.concurrent.CompletableFuture<R> f = java.util.concurrent.CompletableFuture.supplyAsync(fn, r -> {
            Thread t = new Thread(r, "daylily-lookup");
            t.setDaemon(true);
            t.start();
        });
        return () -> {
            try {
                return f.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        };
    }

    static <T, R> List<R> map(List<T> items, Function<T, R> fn, Map<String, String> env) {
        if (items.size() <= 1 || "1".equals(env.get(SEQUENTIAL_ENV))) {
            List<R> out = new ArrayList<>();
            items.forEach(i -> out.add(fn.apply(i)));
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(items.size(), MAX_THREADS), r -> {
            Thread t = new Thread(r, "daylily-lookup");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> fn.apply(item)));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
