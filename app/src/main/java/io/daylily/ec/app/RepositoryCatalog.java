package io.daylily.ec.app;

import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** The repository catalog ({@code config/daylily_available_repositories.yaml}): which keys {@code --repo-override} may name. */
final class RepositoryCatalog {
    private RepositoryCatalog() {
    }

    /** The keys under {@code repositories}, or null when the catalog file does not exist. */
    static Set<String> keys(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
            if (doc instanceof Map<?, ?> m && m.get("repositories") instanceof Map<?, ?> repos) {
                Set<String> out = new TreeSet<>();
                repos.keySet().forEach(k -> out.add(String.valueOf(k)));
                return out;
            }
            throw new DaylilyException(ExitCode.VALIDATION, "repository catalog " + file
                    + " has no 'repositories' mapping");
        } catch (IOException | YAMLException e) {
            throw new DaylilyException(ExitCode.VALIDATION, "cannot read repository catalog " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
