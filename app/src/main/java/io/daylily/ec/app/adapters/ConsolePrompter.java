package io.daylily.ec.app.adapters;

import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.PromptRequiredException;
import io.daylily.ec.api.Prompter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/** Questions on stderr, answers from stdin (a terminal, or a pipe for scripted answers). */
public final class ConsolePrompter implements Prompter {
    private final BufferedReader in;
    private final PrintStream err;
    private final boolean interactive;

    public ConsolePrompter(BufferedReader in, PrintStream err, boolean interactive) {
        this.in = in;
        this.err = err;
        this.interactive = interactive;
    }

    @Override
    public boolean interactive() {
        return interactive;
    }

    @Override
    public synchronized String ask(String key, String question) {
        if (!interactive) {
            throw new PromptRequiredException(key, question);
        }
        err.print(question);
        err.flush();
        String line;
        try {
            line = in.readLine();
        } catch (IOException e) {
            line = null;
        }
        if (line == null) {
            err.println();
            throw new DaylilyException(ExitCode.VALIDATION, "input closed while asking for '" + key
                    + "'; set it in the config file or run with --non-interactive", "input_closed", null);
        }
        return line.strip();
    }

    @Override
    public synchronized void say(String line) {
        err.println(line);
    }
}
