package io.daylily.ec.app.adapters;

import io.daylily.ec.api.ProcessResult;
import io.daylily.ec.api.ProcessRunner;
import io.daylily.ec.api.ProcessSpec;
import io.daylily.ec.api.ToolchainException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@link ProcessRunner} on {@link ProcessBuilder}: argv only (never {@code sh -c}), both streams
 * drained concurrently and joined, the child destroyed after its timeout, secrets redacted when the
 * call is logged.
 */
public final class JdkProcessRunner implements ProcessRunner {
    /** Loaded on first use: built for every command, the runner must not start Log4j for {@code --help}. */
    private static final class Log {
        static final Logger LOG = LogManager.getLogger(JdkProcessRunner.class);
    }
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(secret|token|password|passwd|credential|session|private|access_key|_key$).*");
    private static final Pattern SECRET_ARG = Pattern.compile("(?i)(--?[a-z-]*(secret|token|password|key)[a-z-]*=)(.+)");

    @Override
    public ProcessResult run(ProcessSpec spec) {
        ProcessBuilder pb = new ProcessBuilder(spec.argv());
        pb.environment().putAll(spec.env());
        if (spec.workDir() != null) {
            pb.directory(spec.workDir().toFile());
        }
        if (Log.LOG.isDebugEnabled()) {
            Log.LOG.debug("run {} env+{} timeout {}", redactArgv(spec.argv()), redactEnv(spec.env()), spec.timeout());
        }
        long start = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ToolchainException("'" + spec.program() + "' could not be started (" + e.getMessage()
                    + "); install it or put it on PATH", e);
        }
        CompletableFuture<String> out = drain(p.getInputStream(), spec.program() + "-stdout");
        CompletableFuture<String> err = drain(p.getErrorStream(), spec.program() + "-stderr");
        writeStdin(p, spec.stdin());
        boolean timedOut = false;
        try {
            if (!p.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut = true;
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            timedOut = true;
        }
        String stdout = join(out);
        String stderr = join(err);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        int code = timedOut ? -1 : p.exitValue();
        Log.LOG.debug("{} exited {} after {} ms{}", spec.program(), code, elapsed.toMillis(), timedOut ? " (timed out)" : "");
        return new ProcessResult(code, stdout, stderr, elapsed, timedOut);
    }

    private static void writeStdin(Process p, String stdin) {
        try (OutputStream os = p.getOutputStream()) {
            if (stdin != null) {
                os.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            Log.LOG.debug("stdin closed early: {}", e.getMessage());
        }
    }

    private static CompletableFuture<String> drain(InputStream in, String name) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                f.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                f.completeExceptionally(new UncheckedIOException(e));
            }
        }, "drain-" + name);
        t.setDaemon(true);
        t.start();
        return f;
    }

    private static String join(CompletableFuture<String> f) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return "";
        }
    }

    /** argv with values of secret-looking flags replaced by {@code ***}. */
    public static List<String> redactArgv(List<String> argv) {
        return argv.stream().map(a -> SECRET_ARG.matcher(a).replaceAll("$1***")).toList();
    }

    /** env with secret-looking names' values replaced by {@code ***}. */
    public static Map<String, String> redactEnv(Map<String, String> env) {
        Map<String, String> out = new TreeMap<>();
        env.forEach((k, v) -> out.put(k, SECRET_NAME.matcher(k.toLowerCase(Locale.ROOT)).matches() ? "***" : v));
        return out;
    }
}
