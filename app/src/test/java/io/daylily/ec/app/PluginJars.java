package io.daylily.ec.app;

import io.daylily.ec.api.Step;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds real plug-in jars at test time: compiles Java sources against the api and packs them with services files. */
final class PluginJars {
    private PluginJars() {
    }

    /**
     * @param sources  fully-qualified class name → source text
     * @param services service interface name → implementation class names (one per line)
     */
    static Path build(Path workDir, String jarName, Map<String, String> sources, Map<String, String> services)
            throws IOException {
        return build(workDir, jarName, sources, services, apiClassPath());
    }

    /** {@link #build} compiled against {@code classPath} (e.g. the whole test class path, to reach for internals). */
    static Path build(Path workDir, String jarName, Map<String, String> sources, Map<String, String> services,
                      String classPath) throws IOException {
        Path src = Files.createDirectories(workDir.resolve("src-" + jarName));
        Path classes = Files.createDirectories(workDir.resolve("classes-" + jarName));
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path f = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            files.add(f.toString());
        }
        if (!files.isEmpty()) {
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", classPath,
                    "--release", "17"));
            args.addAll(files);
            int rc = javac.run(null, null, null, args.toArray(String[]::new));
            if (rc != 0) {
                throw new IllegalStateException("plug-in sources did not compile");
            }
        }
        Path jar = workDir.resolve(jarName);
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os)) {
            try (Stream<Path> walk = Files.walk(classes)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    jos.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                    jos.write(Files.readAllBytes(p));
                    jos.closeEntry();
                }
            }
            for (Map.Entry<String, String> e : services.entrySet()) {
                jos.putNextEntry(new JarEntry("META-INF/services/" + e.getKey()));
                jos.write((e.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
                jos.closeEntry();
            }
        }
        return jar;
    }

    private static String apiClassPath() {
        try {
            return Path.of(Step.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A step that publishes one PASS check and stores a greeting in the context. */
    static String stepSource(String pkg, String cls, String id, int order) {
        return """
                package %s;
                import io.daylily.ec.api.*;
                import io.daylily.ec.api.event.CheckResult;
                import java.util.Set;
                public class %s implements Step {
                    public static final ContextKey<String> GREETING = ContextKey.of("demo_greeting", String.class);
                    public String id() { return "%s"; }
                    public int order() { return %d; }
                    public Set<String> pipelines() { return Set.of("create", "preflight"); }
                    public RunContext run(RunContext c, StepServices s) {
                        s.events().check(CheckResult.pass("%s"));
                        return c.with(GREETING, "hello from %s");
                    }
                }
                """.formatted(pkg, cls, id, order, id, id);
    }

    /** A listener that writes the run's exit code and check count to {@code <config dir>/<file>}. */
    static String listenerSource(String pkg, String cls, String file) {
        return """
                package %s;
                import io.daylily.ec.api.*;
                import io.daylily.ec.api.event.*;
                import java.nio.file.*;
                public class %s implements RunListener {
                    private Path dir;
                    public void onRunStarted(RunStarted e) { dir = e.configDir(); }
                    public void onRunFinished(RunFinished e) {
                        try {
                            Files.writeString(dir.resolve("%s"), e.exitCode().code() + " " + e.checks().size());
                        } catch (java.io.IOException x) { throw new java.io.UncheckedIOException(x); }
                    }
                }
                """.formatted(pkg, cls, file);
    }
}
