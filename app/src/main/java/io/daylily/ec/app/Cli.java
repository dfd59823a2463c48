package io.daylily.ec.app;

import io.daylily.ec.api.Clock;
import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.Json;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.ProcessRunner;
import io.daylily.ec.app.adapters.ClientWarmup;
import io.daylily.ec.app.adapters.JdkProcessRunner;
import io.daylily.ec.app.runtime.Discovery;
import io.daylily.ec.app.runtime.Errors;
import io.daylily.ec.app.runtime.Planner;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * The git-style command line: {@code daylily-ec [global options] COMMAND [options]}. {@link #run}
 * returns the exit code; only {@link Main} calls {@code System.exit}. Machine output (with
 * {@code --json}) alone goes to {@code out}; everything for humans goes to {@code err}. Each command
 * is its own {@link Command} class; this class picks one and turns a failure into its exit code.
 */
public final class Cli {
    static final String PROG = "daylily-ec";

    private final Map<String, String> env;
    private final List<Command> commands = new ArrayList<>();
    private final Help help;

    public Cli(Map<String, String> env, InputStream in, Clock clock, boolean terminal, ProcessRunner processes) {
        this.env = env;
        this.help = new Help(commands);
        CliRuntime rt = new CliRuntime(env, in, clock, terminal, processes, help);
        commands.add(new PipelineCommand.Create(rt));
        commands.add(new PipelineCommand.Preflight(rt));
        commands.add(new PipelineCommand.PlanOnly(rt));
        commands.add(new SpotMarketCommand(rt));
        commands.add(new InfraCommand(rt));
        commands.add(new StateCommand(rt));
        commands.add(new DriftCommand(rt));
        commands.add(new DeleteCommand(rt));
        commands.add(new StepsCommand(rt));
        commands.add(new StepRunCommand(rt));
        commands.add(new Simple("version", "print the version", inv -> {
            inv.out().println(PROG + " " + version());
            return 0;
        }));
        commands.add(new Simple("help", "help [COMMAND]: show help", inv -> {
            Optional<Command> c = inv.tail().length > 0 ? command(inv.tail()[0]) : Optional.empty();
            if (c.isPresent()) {
                help.command(inv.out(), c.get());
            } else {
                help.main(inv.out());
            }
            return 0;
        }));
    }

    /** The production CLI: real environment, stdin, clock, processes. */
    public static Cli system() {
        return new Cli(System.getenv(), System.in, Clock.system(), System.console() != null, new JdkProcessRunner());
    }

    /** A command that needs nothing but its streams ({@code version}, {@code help}). */
    private record Simple(String name, String summary, java.util.function.ToIntFunction<Command.Invocation> body)
            implements Command {
        @Override
        public Options options() {
            return CliOptions.global();
        }

        @Override
        public int run(Invocation in) {
            return body.applyAsInt(in);
        }
    }

    Optional<Command> command(String name) {
        return commands.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public int run(String[] args, PrintStream out, PrintStream err) {
        boolean debug = Arrays.asList(args).contains("--debug");
        try {
            return dispatch(args, out, err);
        } catch (DaylilyException e) {
            err.println("✗ " + e.getMessage());
            if (debug) {
                e.printStackTrace(err);
            }
            return e.exitCode().code();
        } catch (RuntimeException e) {
            DaylilyException d = Errors.find(e);
            if (d != null) {
                err.println("✗ " + d.getMessage());
                if (debug) {
                    e.printStackTrace(err);
                }
                return d.exitCode().code();
            }
            err.println("✗ internal error: " + e + (debug ? "" : " (run with --debug for the stack trace)"));
            if (debug) {
                e.printStackTrace(err);
            }
            return ExitCode.VALIDATION.code();
        }
    }

    private int dispatch(String[] args, PrintStream out, PrintStream err) {
        CommandLine global;
        try {
            global = new DefaultParser().parse(CliOptions.global(), args, true);
        } catch (ParseException e) {
            return help.usageError(err, null, e.getMessage());
        }
        List<String> rest = global.getArgList();
        if (rest.isEmpty()) {
            // --help asked for it (stdout, exit 0); nothing at all is a usage error (stderr, exit 1).
            help.main(global.hasOption("help") ? out : err);
            return global.hasOption("help") ? 0 : 1;
        }
        String name = rest.get(0);
        if (name.equals("__warm")) {
            return warmForArchive();
        }
        Optional<Command> command = command(name);
        if (command.isEmpty()) {
            return help.usageError(err, null, "unknown command '" + name + "'");
        }
        if (command.get().runsSteps()) {
            // every numeric DAYLILY_* setting parses and is in range before anything is sent
            Optional<String> bad = EnvSettings.problem(env);
            if (bad.isPresent()) {
                err.println("✗ " + bad.get());
                return ExitCode.VALIDATION.code();
            }
        }
        // the global options that came before the command are re-parsed together with the command's own
        String[] globals = Arrays.copyOfRange(args, 0, args.length - rest.size());
        String[] tail = rest.subList(1, rest.size()).toArray(String[]::new);
        return command.get().run(new Command.Invocation(globals, tail, out, err));
    }

    /**
     * Hidden: the training run of the launcher's class-data-sharing archive. Loads what a create
     * loads (options and help, step discovery and the plan, every AWS client type, the read calls of a
     * create against a loopback server of its own, the JSON printer) without reading config or sending
     * anything off the machine.
     */
    private int warmForArchive() {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        help.main(sink);
        for (Command c : commands) {
            help.command(sink, c);
        }
        Discovery found = Discovery.discover(Cli.class.getClassLoader(), List.of());
        Planner.plan(found.steps(), Pipelines.CREATE);
        List<String> types = new ArrayList<>(ClientWarmup.PREFLIGHT);
        types.addAll(ClientWarmup.CREATE_EXTRA);
        types.forEach(ClientWarmup::warm);
        ClientWarmup.train();
        sink.print(Json.write(Map.of("warm", types)));
        return 0;
    }

    static String version() {
        String v = Cli.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
