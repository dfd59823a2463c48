package io.daylily.ec.steps.post;

import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.RepoOverrides;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The repository catalog ({@code config/daylily_available_repositories.yaml}): the repositories the
 * head node's clone tool knows, each with its {@code default_ref}. {@code --repo-override KEY:REF} may
 * name only its keys. The working directory's copy takes precedence over the one bundled in the jar.
 *
 * @param source where it was read ({@code bundled:…} for the jar's copy)
 * @param text the file as read (written to the node, with the overrides applied)
 * @param keys the keys under {@code repositories}, sorted
 */
public record RepositoryCatalog(String source, String text, Set<String> keys) {
    /** Where the catalog is looked for, relative to the working directory, and its path in the jar. */
    public static final String PATH = "config/daylily_available_repositories.yaml";

    /** The working directory's copy, else the bundled one; exit 1 naming the file when it is not a catalog. */
    public static RepositoryCatalog load(Path workDir) {
        Path local = workDir.resolve(PATH);
        String text;
        String source;
        try {
            if (Files.exists(local)) {
                source = local.toString();
                text = Files.readString(local);
            } else {
                source = "bundled:" + PATH;
                try (InputStream in = RepositoryCatalog.class.getClassLoader().getResourceAsStream(PATH)) {
                    if (in == null) {
                        throw new DaylilyException(ExitCode.VALIDATION, "the repository catalog " + PATH
                                + " is missing from the jar and from the working directory " + workDir);
                    }
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new DaylilyException(ExitCode.VALIDATION, "cannot read the repository catalog " + local + ": "
                    + e.getMessage() + " (fix its permissions, or remove it to use the bundled catalog)", e);
        }
        return parse(source, text);
    }

    /** Parses {@code text}: a mapping with {@code repositories} (a non-empty mapping of mappings) and, if given, a {@code default_repository} among them. */
    static RepositoryCatalog parse(String source, String text) {
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw refused(source, "is not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (!(doc instanceof Map<?, ?> m) || !(m.get("repositories") instanceof Map<?, ?> repos) || repos.isEmpty()) {
            throw refused(source, "has no 'repositories' mapping");
        }
        Set<String> keys = new TreeSet<>();
        for (Map.Entry<?, ?> e : repos.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?>)) {
                throw refused(source, "has repository '" + e.getKey() + "' that is not a mapping (https_url, default_ref, …)");
            }
            keys.add(String.valueOf(e.getKey()));
        }
        Object def = m.get("default_repository");
        if (def != null && !keys.contains(String.valueOf(def))) {
            throw refused(source, "names default_repository '" + def + "', which is not among its repositories ("
                    + String.join(", ", keys) + ")");
        }
        return new RepositoryCatalog(source, text, Set.copyOf(keys));
    }

    private static DaylilyException refused(String source, String why) {
        return new DaylilyException(ExitCode.VALIDATION, "the repository catalog " + source + " " + why
                + "; fix it, or remove the working directory's copy to use the bundled catalog");
    }

    /**
     * The checked overrides: each key must be one of the catalog's, else exit 1 listing the known keys.
     */
    public RepoOverrides check(RepoOverrides overrides) {
        for (String key : overrides.refs().keySet()) {
            if (!keys.contains(key)) {
                throw new DaylilyException(ExitCode.VALIDATION, "--repo-override key '" + key + "' is not in the repository"
                        + " catalog (" + source + "); known keys: " + String.join(", ", new TreeSet<>(keys)));
            }
        }
        return overrides;
    }

    /** The catalog with {@code repositories.<key>.default_ref} replaced for each override, as block YAML in the file's key order. */
    @SuppressWarnings("unchecked")
    public String overridden(RepoOverrides overrides) {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        Map<String, Object> repos = (Map<String, Object>) ((Map<String, Object>) doc).get("repositories");
        overrides.refs().forEach((k, ref) -> {
            if (!(repos.get(k) instanceof Map<?, ?> known)) {
                return; // not a key of this catalog: check() refuses it before a run starts
            }
            Map<String, Object> repo = new LinkedHashMap<>((Map<String, Object>) known);
            repo.put("default_ref", ref);
            repos.put(k, repo);
        });
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setIndent(2);
        return new Yaml(o).dump(doc);
    }
}
