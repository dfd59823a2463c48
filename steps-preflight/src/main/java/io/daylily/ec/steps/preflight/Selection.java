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
 */
final class Selection {
    /** The outcome: the chosen candidate (empty when none) and how it was chosen. */
    record Choice(Optional<String> value, String how) {
    }

    private Selection() {
    }

    static Choice choose(List<String> candidates, Optional<String> setValue, boolean autoSelectOff, String fallback,
                         Prompter prompter, String key, String title) {
        if (setValue.isPresent() && candidates.contains(setValue.get())) {
            return new Choice(setValue, "config");
        }
        if (candidates.size() == 1 && !autoSelectOff) {
            return new Choice(Optional.of(candidates.get(0)), "only candidate");
        }
        if (fallback != null && !fallback.isEmpty() && candidates.contains(fallback)) {
            return new Choice(Optional.of(fallback), "default");
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
