package io.daylily.ec.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.testing.ScriptedPrompter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromptsTest {
    @Test
    void emptyAnswerTakesDefaultAndInvalidIsReasked() {
        ScriptedPrompter p = ScriptedPrompter.answering("abc", "");
        String v = Prompts.askValid(p, "max_count_8I", "Max 8xlarge count", "1",
                s -> s.matches("[0-9]+") ? Optional.empty() : Optional.of("Please enter a positive integer."));
        assertEquals("1", v);
        assertEquals(2, p.questions().size());
        assertEquals("Max 8xlarge count [1]: ", p.questions().get(0));
        assertEquals(List.of("  Please enter a positive integer."), p.said());
    }

    @Test
    void menuAcceptsNumberNameOrEnter() {
        List<String> opts = List.of("r7i.2xlarge", "r7i.4xlarge", "r7i.8xlarge");
        assertEquals("r7i.8xlarge", Prompts.choose(ScriptedPrompter.answering("3"), "k", "Choose", opts, 0));
        assertEquals("r7i.4xlarge", Prompts.choose(ScriptedPrompter.answering("r7i.4xlarge"), "k", "Choose", opts, 0));
        assertEquals("r7i.2xlarge", Prompts.choose(ScriptedPrompter.answering(""), "k", "Choose", opts, 0));
        ScriptedPrompter p = ScriptedPrompter.answering("9", "2");
        assertEquals("r7i.4xlarge", Prompts.choose(p, "k", "Choose", opts, 0));
        assertTrue(p.questions().get(0).contains("  1) r7i.2xlarge (default)\n"), p.questions().get(0));
    }

    @Test
    void nonInteractivePromptIsAMachineReadableFailure() {
        PromptRequiredException e = assertThrows(PromptRequiredException.class,
                () -> Prompts.askValid(ScriptedPrompter.nonInteractive(), "budget_email", "Budget email", "",
                        s -> Optional.empty()));
        assertEquals("budget_email", e.key());
        assertEquals("prompt_required", e.reason());
        assertEquals(ExitCode.VALIDATION, e.exitCode());
    }

    @Test
    void confirmDefaults() {
        assertTrue(Prompts.confirm(ScriptedPrompter.answering(""), "k", "Continue?", true));
        assertFalse(Prompts.confirm(ScriptedPrompter.answering(""), "k", "Continue?", false));
        assertTrue(Prompts.confirm(ScriptedPrompter.answering("maybe", "yes"), "k", "Continue?", false));
    }

    @Test
    void givesUpAfterTooManyInvalidAnswers() {
        String[] bad = new String[Prompts.MAX_ATTEMPTS];
        java.util.Arrays.fill(bad, "x");
        DaylilyException e = assertThrows(DaylilyException.class, () -> Prompts.askValid(
                ScriptedPrompter.answering(bad), "k", "K", "", s -> Optional.of("no")));
        assertEquals("prompt_gave_up", e.reason());
    }
}
