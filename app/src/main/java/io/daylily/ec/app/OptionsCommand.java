package io.daylily.ec.app;

import java.util.function.Supplier;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * A command whose arguments are its own options alone: they are parsed once here (a usage error ends
 * the command with its code) and the command runs with the parsed line. Commands whose arguments start
 * with a subcommand ({@code state}, {@code step run}, {@code infra}) parse their own tail instead.
 */
abstract class OptionsCommand extends AbstractCommand {
    OptionsCommand(CliRuntime rt, String name, String summary, Supplier<Options> options, boolean runsSteps) {
        super(rt, name, summary, options, runsSteps);
    }

    @Override
    public final int run(Invocation inv) {
        CommandLine cl;
        try {
            cl = rt.parse(this, inv);
        } catch (UsageException u) {
            return u.code;
        }
        return run(inv, cl);
    }

    /** Runs with the parsed options; returns the exit code. */
    abstract int run(Invocation inv, CommandLine cl);
}
