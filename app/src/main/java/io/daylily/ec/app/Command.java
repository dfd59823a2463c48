package io.daylily.ec.app;

import java.io.PrintStream;
import org.apache.commons.cli.Options;

/**
 * One {@code daylily-ec} command: its name, its one-line summary and usage for help, its options,
 * and what it does. {@link Cli} picks the command; each command parses its own options through
 * {@link CliRuntime#parse} and returns the exit code.
 */
interface Command {
    /** What a command is run with: the global options given before it, its own arguments, the two streams. */
    record Invocation(String[] globals, String[] tail, PrintStream out, PrintStream err) {
    }

    /** The word on the command line, e.g. {@code create}. */
    String name();

    /** One line for the main help. */
    String summary();

    /** Its options, global ones included, for parsing and help. */
    Options options();

    /** The usage line(s) of its help. */
    default String syntax() {
        return Cli.PROG + " " + name();
    }

    /** True when it talks to AWS or runs steps: the numeric DAYLILY_* settings are checked before it starts. */
    default boolean runsSteps() {
        return false;
    }

    int run(Invocation in);
}
