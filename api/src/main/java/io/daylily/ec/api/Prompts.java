package io.daylily.ec.api;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Prompt patterns built on {@link Prompter}: a default on Enter, re-ask on invalid input, numbered menus. */
public final class Prompts {
    /** At most this many invalid answers in a row before the question is given up (exit 1). */
    public static final int MAX_ATTEMPTS = 10;

    private Prompts() {
    }

    /**
     * Asks until {@code validator} accepts. An empty answer takes {@code defaultValue} when it is
     * non-empty.
     *
     * @param validator returns an error message for an invalid value, or empty when valid
     */
    public static String askValid(Prompter prompter, String key, String label, String defaultValue,
                                  Function<String, Optional<String>> validator) {
        String question = defaultValue == null || defaultValue.isEmpty()
                ? label + ": " : label + " [" + defaultValue + "]: ";
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            String answer = prompter.ask(key, question);
            if (answer.isEmpty() && defaultValue != null && !defaultValue.isEmpty()) {
                answer = defaultValue;
            }
            Optional<String> error = validator.apply(answer);
            if (error.isEmpty()) {
                return answer;
            }
            prompter.say("  " + error.get());
        }
        throw new DaylilyException(ExitCode.VALIDATION,
                "no valid answer for '" + key + "' after " + MAX_ATTEMPTS + " attempts", "prompt_gave_up", null);
    }

    /**
     * A numbered menu (1-based). Enter takes {@code defaultIndex}; the answer may also be one of the
     * options typed in full.
     *
     * @param defaultIndex 0-based index of the default option
     * @return the chosen option
     */
    public static String choose(Prompter prompter, String key, String title, List<String> options, int defaultIndex) {
        StringBuilder q = new StringBuilder(title).append('\n');
        for (int i = 0; i < options.size(); i++) {
            q.append("  ").append(i + 1).append(") ").append(options.get(i));
            if (i == defaultIndex) {
                q.append(" (default)");
            }
            q.append('\n');
        }
        q.append("Select option [").append(defaultIndex + 1).append("]: ");
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            String answer = prompter.ask(key, q.toString());
            if (answer.isEmpty()) {
                return options.get(defaultIndex);
            }
            if (options.contains(answer)) {
                return answer;
            }
            try {
                int n = Integer.parseInt(answer);
                if (n >= 1 && n <= options.size()) {
                    return options.get(n - 1);
                }
            } catch (NumberFormatException ignored) {
                // fall through to the re-ask
            }
            prompter.say("  Please enter a number from 1 to " + options.size() + ".");
        }
        throw new DaylilyException(ExitCode.VALIDATION,
                "no valid choice for '" + key + "' after " + MAX_ATTEMPTS + " attempts", "prompt_gave_up", null);
    }

    /** Yes/no; Enter takes {@code defaultYes}. */
    public static boolean confirm(Prompter prompter, String key, String question, boolean defaultYes) {
        String q = question + (defaultYes ? " [Y/n]: " : " [y/N]: ");
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            String a = prompter.ask(key, q).toLowerCase(java.util.Locale.ROOT);
            if (a.isEmpty()) {
                return defaultYes;
            }
            if (a.equals("y") || a.equals("yes")) {
                return true;
            }
            if (a.equals("n") || a.equals("no")) {
                return false;
            }
            prompter.say("  Please answer y or n.");
        }
        return false;
    }
}
