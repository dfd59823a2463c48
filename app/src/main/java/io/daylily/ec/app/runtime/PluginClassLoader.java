package io.daylily.ec.app.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The class loader of one plug-in jar. It sees the JDK, the plug-in API and the libraries that API
 * hands out (the {@link #API} packages, from the application), and the jar's own classes, and
 * nothing else of the application: not its runtime, its bundled steps, Guava, Commons CLI or
 * log4j-core. A jar that refers to such a class is refused before anything of it runs
 * ({@link #forbiddenReference}), with a message naming the class.
 */
public final class PluginClassLoader extends URLClassLoader {
    /** What a plug-in may use from the application (package prefixes, binary names). */
    public static final List<String> API = List.of("io.daylily.ec.api.", "io.daylily.ec.support.",
            "com.fasterxml.jackson.", "software.amazon.awssdk.", "org.apache.logging.log4j.", "org.slf4j.");
    /** Within {@link #API}, what stays internal. */
    static final List<String> INTERNAL = List.of("org.apache.logging.log4j.core.");
    /** Application packages a plug-in must not reach, as the class file spells them. */
    static final List<String> FORBIDDEN = List.of("io/daylily/ec/app/", "io/daylily/ec/steps/", "com/google/common/",
            "org/apache/commons/cli/", "org/apache/logging/log4j/core/", "me/tongfei/progressbar/", "org/yaml/snakeyaml/");

    private final ClassLoader application;

    public PluginClassLoader(Path jar, ClassLoader application) throws IOException {
        super("plugin:" + jar.getFileName(), new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        this.application = application;
    }

    static boolean isApi(String name) {
        return API.stream().anyMatch(name::startsWith) && INTERNAL.stream().noneMatch(name::startsWith);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isApi(name)) {
            return application.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        // the service files of the SPI come from the jar only; API resources from the application
        String asClass = name.replace('/', '.');
        if (isApi(asClass) && !name.startsWith("META-INF/")) {
            return application.getResource(name);
        }
        return super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return name.startsWith("META-INF/services/") ? findResources(name) : super.getResources(name);
    }

    /**
     * The first class the jar refers to that the application keeps to itself and the jar does not
     * bring, as {@code io.daylily.ec.app.Cli (used by com.acme.MyStep)}; empty when the jar keeps to the API.
     */
    public static Optional<String> forbiddenReference(Path jar) throws IOException {
        try (JarFile jf = new JarFile(jar.toFile())) {
            Set<String> own = new HashSet<>();
            List<JarEntry> classes = new ArrayList<>();
            for (Enumeration<JarEntry> e = jf.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (entry.getName().endsWith(".class")) {
                    own.add(entry.getName().substring(0, entry.getName().length() - ".class".length()));
                    classes.add(entry);
                }
            }
            for (JarEntry entry : classes) {
                byte[] bytes;
                try (InputStream in = jf.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                Set<String> refs = references(bytes);
                refs.removeAll(own);
                if (!refs.isEmpty()) {
                    String user = entry.getName().substring(0, entry.getName().length() - ".class".length());
                    return Optional.of(refs.iterator().next().replace('/', '.') + " (used by " + user.replace('/', '.') + ")");
                }
            }
        }
        return Optional.empty();
    }

    /** The internal names in a class file that start with a {@link #FORBIDDEN} prefix, sorted. */
    static Set<String> references(byte[] classFile) {
        String text = new String(classFile, StandardCharsets.ISO_8859_1); // one char per byte: offsets stay
        Set<String> out = new TreeSet<>();
        for (String prefix : FORBIDDEN) {
            int i = text.indexOf(prefix);
            while (i >= 0) {
                int end = i + prefix.length();
                while (end < text.length() && isNameChar(text.charAt(end))) {
                    end++;
                }
                if (end > i + prefix.length()) {
                    out.add(text.substring(i, end));
                }
                i = text.indexOf(prefix, end);
            }
        }
        return out;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) && c < 128 || c == '/' || c == '$' || c == '_';
    }
}
