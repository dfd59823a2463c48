package io.daylily.ec.api;

import static java.util.Objects.requireNonNull;

/**
 * Thrown by a non-interactive {@link Prompter} when a value would need a human answer. The runtime
 * turns it into a FAIL check {@code prompt.<key>} with reason {@code prompt_required} (exit 1).
 */
public class PromptRequiredException extends DaylilyException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public PromptRequiredException(String key, String question) {
        super(ExitCode.VALIDATION,
                "'" + key + "' needs an answer (" + firstLine(question) + ") but the run is non-interactive;"
                        + " set it in the config file, e.g. " + key + ": [USESETVALUE, \"\", \"<value>\"]",
                "prompt_required", null);
        this.key = requireNonNull(key, "key is null");
    }

    /** The config key (or gate name) whose value was needed. */
    public String key() {
        return key;
    }

    private static String firstLine(String question) {
        String q = question == null ? "" : question.strip();
        int nl = q.lastIndexOf('\n');
        String line = nl >= 0 ? q.substring(nl + 1).strip() : q;
        line = line.replaceAll("\\s*\\[[^\\]]*\\]\\s*:?$", "").replaceAll(":$", "").strip();
        return line;
    }
}
