package io.daylily.ec.app;

import io.daylily.ec.api.ExitCode;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.cli.HelpFormatter;

/** The main help, each command's help, and usage errors (message, then the help, exit 1). */
final class Help {
    private final List<Command> commands;

    Help(List<Command> commands) {
        this.commands = commands;
    }

    void main(PrintStream s) {
        s.println("usage: " + Cli.PROG + " [--json] [--debug] [--no-color] [--plugins DIR] [--endpoint-url URL] COMMAND [options]");
        s.println();
        s.println("Commands:");
        for (Command c : commands) {
            s.printf("  %-10s %s%n", c.name(), c.summary());
        }
        s.println();
        s.println("Exit codes: 0 ok, 1 validation, 2 AWS operation, 3 drift, 4 toolchain.");
        s.println("Run '" + Cli.PROG + " help COMMAND' for a command's options.");
    }

    void command(PrintStream s, Command command) {
        PrintWriter pw = new PrintWriter(s, true, StandardCharsets.UTF_8);
        HelpFormatter hf = HelpFormatter.builder().get();
        hf.printHelp(pw, 100, command.syntax(), null, command.options(), 2, 2,
                "\nEnvironment: AWS_PROFILE, DAY_EX_CFG, DAY_DISABLE_AUTO_SELECT, DAY_CONTACT_EMAIL, DAY_BREAK,"
                        + " DAYLILY_CONFIG_DIR, AWS_ENDPOINT_URL.\nExit codes: 0 ok, 1 validation, 2 AWS, 3 drift, 4 toolchain.",
                false);
        pw.flush();
    }

    /** The message, then the command's help (or the main help), on {@code err}; exit code 1. */
    int usageError(PrintStream err, Command command, String message) {
        err.println(Cli.PROG + ": " + message);
        if (command == null) {
            main(err);
        } else {
            command(err, command);
        }
        return ExitCode.VALIDATION.code();
    }
}
