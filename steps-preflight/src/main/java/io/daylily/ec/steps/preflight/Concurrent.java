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
    static final String SEQUENTIAL_ENV = io.daylily.ec.support.lookup.SharedLookups.SEQUENTIAL_ENV;
    private static final int MAX_THREADS = 8;

    private Concurrent() {
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
