package io.daylily.ec.steps.config;

import io.daylily.ec.api.AtomicFiles;
import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Which config file a run uses (DECISIONS #2): {@code --config} > {@code DAY_EX_CFG} > the bundled template. */
public final class ConfigFiles {
    public static final String BUNDLED = "config/daylily_ephemeral_cluster_template.yaml";
    public static final String COPY_NAME = "daylily_ephemeral_cluster.yaml";

    /** The chosen file and why. */
    public record Choice(Path path, String source) {
    }

    private ConfigFiles() {
    }

    /**
     * @param flag      {@code --config}, or null
     * @param workDir   relative paths resolve here
     * @param configDir where the bundled template is copied on first use
     */
    public static Choice choose(String flag, Map<String, String> env, Path workDir, Path configDir) {
        if (flag != null && !flag.isBlank()) {
            return new Choice(workDir.resolve(flag).normalize(), "--config");
        }
        String envPath = env.get("DAY_EX_CFG");
        if (envPath != null && !envPath.isBlank()) {
            return new Choice(workDir.resolve(envPath).normalize(), "DAY_EX_CFG");
        }
        Path copy = configDir.resolve(COPY_NAME);
        if (!Files.exists(copy)) {
            AtomicFiles.writePrivate(copy, bundledText());
            return new Choice(copy, "bundled template (copied)");
        }
        return new Choice(copy, "bundled template (copy from an earlier run)");
    }

    /** The bundled config template's text. */
    public static String bundledText() {
        try (InputStream in = ConfigFiles.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new DaylilyException(ExitCode.VALIDATION, "the bundled config template is missing from the jar;"
                        + " rebuild daylily-ec or pass --config");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DaylilyException(ExitCode.VALIDATION, "cannot read the bundled config template: " + e.getMessage(), e);
        }
    }
}
