package io.daylily.ec.steps.preflight;

import io.daylily.ec.api.PromptRequiredException;
import io.daylily.ec.api.Prompter;
import io.daylily.ec.api.Prompts;
import java.util.List;
import java.util.Optional;

/**
 * The shared selection precedence for buckets, subnets, policies and key pairs (PARITY §8.2, §9,
 * §11): the auto-applied set value when it is a candidate; the only candidate (unless auto-select is
 * off); the fallback when it is a candidate; else a numbered menu, or nothing when non-interactive.
 * A set value that is not a candidate is never replaced by another one (issue #16): the choice is
 * then {@link #PINNED_NOT_CANDIDATE}, and the gate fails naming the key, the value and the candidates.
 */
final class Selection {
    /** The outcome: the chosen candidate (empty when none) and how it was chosen. */
    record Choice(Optional<String> value, String how) {
    }

    /** {@link Choice#how()} when the configured value is not among the candidates. */
    static final String PINNED_NOT_CANDIDATE = "pinned_not_candidate";

    private Selection() {
    }

    /** The FAIL text for a configured value that does not qualify: the key, the value, why, and what would. */
    static String pinnedRefusal(String key, String value, String why, List<String> candidates) {
        return key + " '" + value + "' (set in the config) " + why + "; it is not replaced by another one. Candidates that"
                + " qualify: " + (candidates.isEmpty() ? "none" : String.join(", ", candidates))
                + ". Fix " + key + " in the config (or empty its set_value to choose)";
    }

    /**
     * The choice when it needs nobody: the set value (or its refusal), the only candidate, the fallback;
     * empty when a menu would be shown (or nothing chosen). {@link #choose} begins with it, so a step
     * may tell ahead, off its thread, what {@code choose} will pick.
     */
    static Optional<Choice> decided(List<String> candidates, Optional<String> setValue, boolean autoSelectOff, String fallback) {
        if (setValue.isPresent()) {
            return Optional.of(candidates.contains(setValue.get()) ? new Choice(setValue, "config")
                    : new Choice(Optional.empty(), PINNED_NOT_CANDIDATE));
        }
        if (candidates.size() == 1 && !autoSelectOff) {
            return Optional.of(new Choice(Optional.of(candidates.get(0)), "only candidate"));
        }
        if (fallback != null && !fallback.isEmpty() && candidates.contains(fallback)) {
            return Optional.of(new Choice(Optional.of(fallback), "default"));
        }
        return Optional.empty();
    }

    static Choice choose(List<String> candidates, Optional<String> setValue, boolean autoSelectOff, String fallback,
                         Prompter prompter, String key, String title) {
        Optional<Choice> decided = decided(candidates, setValue, autoSelectOff, fallback);
        if (decided.isPresent()) {
            return decided.get();
        }
        if (candidates.isEmpty() || !prompter.interactive()) {
            return new Choice(Optional.empty(), "none");
        }
        try {
            return new Choice(Optional.of(Prompts.choose(prompter, key, title, candidates, 0)), "prompt");
        } catch (PromptRequiredException e) {
            return new Choice(Optional.empty(), "none");
        }
    }
}
