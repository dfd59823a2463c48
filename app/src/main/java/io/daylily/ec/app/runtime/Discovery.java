package io.daylily.ec.app.runtime;

import io.daylily.ec.api.RunListener;
import io.daylily.ec.api.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Finds steps and listeners: the application class path, then every jar in each plug-in directory,
 * each jar in its own child class loader. A jar that fails to load is reported and skipped.
 */
public final class Discovery {
    private static final Logger LOG = LogManager.getLogger(Discovery.class);

    private final List<LoadedStep> steps = new ArrayList<>();
    private final List<RunListener> listeners = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private Discovery() {
    }

    /** Discovers from {@code parent} and from the jars in {@code pluginDirs} (missing directories are skipped). */
    public static Discovery discover(ClassLoader parent, List<Path> pluginDirs) {
        Discovery d = new Discovery();
        d.load(parent, null);
        for (Path dir : pluginDirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> jars;
            try (Stream<Path> s = Files.list(dir)) {
                jars = s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
            } catch (IOException e) {
                d.problems.add("cannot list plug-in directory " + dir + ": " + e.getMessage());
                continue;
            }
            for (Path jar : jars) {
                try {
                    java.util.Optional<String> reach = PluginClassLoader.forbiddenReference(jar);
                    if (reach.isPresent()) {
                        String msg = "plug-in " + jar + " was not loaded: it uses " + reach.get() + ", which is not"
                                + " part of the plug-in API (io.daylily.ec.api, io.daylily.ec.support, Jackson, the AWS SDK,"
                                + " log4j-api); depend on the API only, or bundle the library in the plug-in jar";
                        d.problems.add(msg);
                        LOG.warn(msg);
                        continue;
                    }
                    d.load(new PluginClassLoader(jar, parent), jar);
                } catch (IOException e) {
                    d.problems.add("cannot load plug-in " + jar + ": " + e.getMessage());
                }
            }
        }
        return d;
    }

    private void load(ClassLoader loader, Path jar) {
        // Collect first and keep nothing from a jar that fails half-way.
        List<LoadedStep> foundSteps = new ArrayList<>();
        List<RunListener> foundListeners = new ArrayList<>();
        try {
            for (Iterator<Step> it = ServiceLoader.load(Step.class, loader).iterator(); it.hasNext(); ) {
                Step s = it.next();
                if (jar == null || s.getClass().getClassLoader() == loader) {
                    foundSteps.add(new LoadedStep(s, sourceOf(s.getClass(), jar)));
                }
            }
            for (Iterator<RunListener> it = ServiceLoader.load(RunListener.class, loader).iterator(); it.hasNext(); ) {
                RunListener l = it.next();
                if (jar == null || l.getClass().getClassLoader() == loader) {
                    foundListeners.add(l);
                }
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            String where = jar == null ? "the class path" : jar.toString();
            String msg = "plug-in " + where + " failed to load and was skipped: " + e.getMessage();
            problems.add(msg);
            LOG.warn(msg);
            return;
        }
        steps.addAll(foundSteps);
        listeners.addAll(foundListeners);
    }

    static String sourceOf(Class<?> type, Path jar) {
        if (jar != null) {
            return jar.toString();
        }
        CodeSource cs = type.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return "unknown";
        }
        try {
            return Path.of(cs.getLocation().toURI()).toString();
        } catch (Exception e) {
            return cs.getLocation().toString();
        }
    }

    public List<LoadedStep> steps() {
        return List.copyOf(steps);
    }

    public List<RunListener> listeners() {
        return List.copyOf(listeners);
    }

    /** Plug-ins that could not be loaded, one line each. */
    public List<String> problems() {
        return List.copyOf(problems);
    }
}
