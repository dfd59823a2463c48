package io.daylily.ec.api;

/**
 * The only way a step asks the user something. Questions are written to stderr (stdout stays clean
 * for {@code --json}); answers come from the terminal. Higher-level helpers (defaults, menus,
 * validation loops) are in {@link Prompts}.
 */
public interface Prompter {
    /** True when a human can answer. When false, {@link #ask} throws {@link PromptRequiredException}. */
    boolean interactive();

    /**
     * Shows {@code question} (possibly several lines; the last is the prompt itself) and returns the
     * answer with surrounding white space removed; an empty string when the user just pressed Enter.
     *
     * @param key the config key or gate the answer is for (used in the non-interactive error)
     * @throws PromptRequiredException when not interactive
     * @throws DaylilyException        (exit 1) when the input stream is closed
     */
    String ask(String key, String question);

    /** Shows a line of information to the user (stderr); never blocks. */
    default void say(String line) {
    }

    /**
     * Shows the current state of a long wait (e.g. "cluster x: CREATE_IN_PROGRESS"). On a terminal the
     * console keeps one live line with a spinner and the elapsed time; elsewhere it shows nothing
     * (status changes are {@link #say}-ed by the step). Call {@link #progressDone()} when the wait ends.
     */
    default void progress(String status) {
    }

    /** Ends the live line started by {@link #progress}. */
    default void progressDone() {
    }
}
