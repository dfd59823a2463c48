package io.daylily.ec.api.testing;

import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.PromptRequiredException;
import io.daylily.ec.api.Prompter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Answers prompts from a script. Running out of answers is a test failure (exit-1 exception naming
 * the question), so a test notices an unexpected prompt. {@link #nonInteractive()} throws
 * {@link PromptRequiredException} like the real non-interactive prompter.
 */
public final class ScriptedPrompter implements Prompter {
    private final boolean interactive;
    private final Deque<String> answers;
    private final List<String> questions = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    private final List<String> said = new ArrayList<>();

    private ScriptedPrompter(boolean interactive, List<String> answers) {
        this.interactive = interactive;
        this.answers = new ArrayDeque<>(answers);
    }

    public static ScriptedPrompter answering(String... answers) {
        return new ScriptedPrompter(true, List.of(answers));
    }

    public static ScriptedPrompter nonInteractive() {
        return new ScriptedPrompter(false, List.of());
    }

    @Override
    public boolean interactive() {
        return interactive;
    }

    @Override
    public String ask(String key, String question) {
        if (!interactive) {
            throw new PromptRequiredException(key, question);
        }
        questions.add(question);
        keys.add(key);
        if (answers.isEmpty()) {
            throw new DaylilyException(ExitCode.VALIDATION, "unexpected prompt for '" + key + "': " + question);
        }
        return answers.removeFirst().strip();
    }

    @Override
    public void say(String line) {
        said.add(line);
    }

    public List<String> questions() {
        return List.copyOf(questions);
    }

    /** The keys asked about, in order. */
    public List<String> keys() {
        return List.copyOf(keys);
    }

    public List<String> said() {
        return List.copyOf(said);
    }

    public int remaining() {
        return answers.size();
    }
}
