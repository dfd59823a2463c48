package io.daylily.ec.app;

import io.daylily.ec.api.Clock;
import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.ProcessRunner;
import io.daylily.ec.app.runtime.Discovery;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.MissingOptionException;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/**
 * What every command shares: the process's environment, stdin, clock, terminal and process runner,
 * option parsing with help and usage errors, plug-in discovery, and the run's composition root.
 */
final class CliRuntime {
    final Map<String, String> env;
    final InputStream in;
    final Clock clock;
    final boolean terminal;
    final ProcessRunner processes;
    private final Help help;

    CliRuntime(Map<String, String> env, InputStream in, Clock clock, boolean terminal, ProcessRunner processes, Help help) {
        this.env = env;
        this.in = in;
        this.clock = clock;
        this.terminal = terminal;
        this.processes = processes;
        this.help = help;
    }

    Help help() {
        return help;
    }

    /** The composition root of one run: bus, listeners, clients, prompter. */
    RunComposition composition() {
        return new RunComposition(this);
    }

    /** The command's options parsed from the global options given before it and its own arguments. */
    CommandLine parse(Command command, Options options, Command.Invocation inv, String[] tail) throws UsageException {
        String[] all = new String[inv.globals().length + tail.length];
        System.arraycopy(inv.globals(), 0, all, 0, inv.globals().length);
        System.arraycopy(tail, 0, all, inv.globals().length, tail.length);
        if (Arrays.asList(all).contains("--help") || Arrays.asList(all).contains("-h")) {
            help.command(inv.out(), command); // asked for: stdout, so it pipes into a pager
            throw new UsageException(0);
        }
        try {
            return new DefaultParser().parse(options, all, false);
        } catch (UnrecognizedOptionException e) {
            throw new UsageException(help.usageError(inv.err(), command, "unknown option " + e.getOption()));
        } catch (MissingOptionException e) {
            throw new UsageException(help.usageError(inv.err(), command, "missing required option "
                    + String.join(", ", e.getMissingOptions().stream().map(o -> "--" + o).toList())));
        } catch (MissingArgumentException e) {
            throw new UsageException(help.usageError(inv.err(), command, "option --" + e.getOption().getLongOpt() + " needs a value"));
        } catch (ParseException e) {
            throw new UsageException(help.usageError(inv.err(), command, e.getMessage()));
        }
    }

    /** {@link #parse} of the command's own options and all of its arguments. */
    CommandLine parse(Command command, Command.Invocation inv) throws UsageException {
        return parse(command, command.options(), inv, inv.tail());
    }

    /** The steps and listeners on the class path, in the config directory's plugins/ and in each --plugins DIR. */
    Discovery discover(CommandLine cl, Path configDir, PrintStream err) {
        List<Path> dirs = new ArrayList<>();
        dirs.add(configDir.resolve("plugins"));
        String[] extra = cl.getOptionValues("plugins");
        if (extra != null) {
            for (String d : extra) {
                Path p = Path.of(d);
                if (!Files.isDirectory(p)) {
                    throw new DaylilyException(ExitCode.VALIDATION, "--plugins " + d + " is not a directory");
                }
                dirs.add(p);
            }
        }
        Discovery found = Discovery.discover(Cli.class.getClassLoader(), dirs);
        for (String p : found.problems()) {
            err.println("⚠ " + p);
        }
        return found;
    }

    /** The environment for region checks: with {@code --endpoint-url} as AWS_ENDPOINT_URL when it is given. */
    Map<String, String> regionEnv(CommandLine cl) {
        if (!cl.hasOption("endpoint-url")) {
            return env;
        }
        Map<String, String> e = new HashMap<>(env);
        e.put("AWS_ENDPOINT_URL", cl.getOptionValue("endpoint-url"));
        return e;
    }

    /** The config directory, created 0700 and probed for space. */
    Path configDir() {
        return ConfigDir.ensure(ConfigDir.resolve(env));
    }
}
