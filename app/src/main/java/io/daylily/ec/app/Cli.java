package io.daylily.ec.app;

import io.daylily.ec.api.AwsClients;
import io.daylily.ec.api.Clock;
import io.daylily.ec.api.ContextKey;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.Json;
import io.daylily.ec.api.Lookups;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.ProcessRunner;
import io.daylily.ec.api.RepoOverrides;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.RunListener;
import io.daylily.ec.app.adapters.ClientWarmup;
import io.daylily.ec.app.adapters.ConsolePrompter;
import io.daylily.ec.app.adapters.JdkProcessRunner;
import io.daylily.ec.app.adapters.SdkAwsClients;
import io.daylily.ec.app.listeners.ConsoleWriter;
import io.daylily.ec.app.listeners.JsonReportWriter;
import io.daylily.ec.app.listeners.StateFileWriter;
import io.daylily.ec.app.listeners.Style;
import io.daylily.ec.app.runtime.Discovery;
import io.daylily.ec.app.runtime.Errors;
import io.daylily.ec.app.runtime.EventBusPublisher;
import io.daylily.ec.app.runtime.LoadedStep;
import io.daylily.ec.app.runtime.MutationGuard;
import io.daylily.ec.app.runtime.PipelineRunner;
import io.daylily.ec.app.runtime.Planner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.MissingOptionException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/**
 * The git-style command line: {@code daylily-ec [global options] COMMAND [options]}. {@link #run}
 * returns the exit code; only {@link Main} calls {@code System.exit}. Machine output (with
 * {@code --json}) alone goes to {@code out}; everything for humans goes to {@code err}.
 */
public final class Cli {
    static final String PROG = "daylily-ec";
    static final Pattern REPO_OVERRIDE = Pattern.compile("^[a-zA-Z0-9_-]+:.+$");
    /** How long a run that ended early waits for read-only lookups still in flight before it closes the clients. */
    static final java.time.Duration LOOKUP_SETTLE = java.time.Duration.ofSeconds(10);

    private final Map<String, String> env;
    private final InputStream in;
    private final Clock clock;
    private final boolean terminal;
    private final ProcessRunner processes;

    public Cli(Map<String, String> env, InputStream in, Clock clock, boolean terminal, ProcessRunner processes) {
        this.env = env;
        this.in = in;
        this.clock = clock;
        this.terminal = terminal;
        this.processes = processes;
    }

    /** The production CLI: real environment, stdin, clock, processes. */
    public static Cli system() {
        return new Cli(System.getenv(), System.in, Clock.system(), System.console() != null, new JdkProcessRunner());
    }

    // ---------------------------------------------------------------- options

    static Options globalOptions() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("json").desc("machine output alone on stdout (JSON); text goes to stderr").build());
        o.addOption(Option.builder().longOpt("debug").desc("DEBUG logging, stack traces, and a debug log in the config directory").build());
        o.addOption(Option.builder().longOpt("no-color").desc("no ANSI colour").build());
        o.addOption(Option.builder().longOpt("plugins").hasArg().argName("DIR")
                .desc("also load step/listener jars from DIR (repeatable)").build());
        o.addOption(Option.builder().longOpt("endpoint-url").hasArg().argName("URL")
                .desc("send every AWS call to this endpoint (an AWS-compatible emulator)").build());
        o.addOption(Option.builder("h").longOpt("help").desc("show help").build());
        return o;
    }

    static Options runOptions(boolean create) {
        Options o = globalOptions();
        o.addOption(Option.builder().longOpt("region-az").hasArg().argName("AZ").required()
                .desc("availability zone, e.g. us-west-2b (required); the region is the AZ minus its letter").build());
        o.addOption(Option.builder().longOpt("profile").hasArg().argName("NAME").desc("AWS profile (default: AWS_PROFILE)").build());
        o.addOption(Option.builder().longOpt("config").hasArg().argName("PATH")
                .desc("triplet config file (default: DAY_EX_CFG, else the bundled template)").build());
        o.addOption(Option.builder().longOpt("pass-on-warn").desc("warnings do not stop the run").build());
        o.addOption(Option.builder().longOpt("non-interactive")
                .desc("never prompt: a value that needs an answer is a FAIL").build());
        if (create) {
            o.addOption(Option.builder().longOpt("repo-override").hasArg().argName("KEY:REF")
                    .desc("use REF for repository KEY during head-node setup (repeatable)").build());
        }
        return o;
    }

    static Options stepRunOptions() {
        Options o = globalOptions();
        o.addOption(Option.builder().longOpt("context").hasArg().argName("FILE").desc("start from a saved context (JSON)").build());
        o.addOption(Option.builder().longOpt("set").hasArg().argName("KEY=VALUE").desc("set a context value (repeatable)").build());
        o.addOption(Option.builder().longOpt("pass-on-warn").desc("warnings do not stop the run").build());
        o.addOption(Option.builder().longOpt("non-interactive").desc("never prompt").build());
        return o;
    }

    static final Map<String, String> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("create", "create an ephemeral cluster (preflight, infra, render, pcluster, post-create)");
        COMMANDS.put("preflight", "run the config and preflight gates only; write the report");
        COMMANDS.put("infra", "infra ensure-network | bootstrap-account | bootstrap-region: baseline network, admin IAM setup");
        COMMANDS.put("state", "state list | state show (--cluster-name N | --state-file F): the runs' state records");
        COMMANDS.put("drift", "drift --state-file F [--profile P]: compare a state record with AWS (read-only; exit 3 on drift)");
        COMMANDS.put("delete", "delete --cluster-name N --region R | --state-file F [--yes] [--dry-run]: tear a cluster down");
        COMMANDS.put("steps", "list the steps found, in order, with the jar each came from");
        COMMANDS.put("step", "step run ID [--context FILE] [--set KEY=VALUE…]: run one step in isolation");
        COMMANDS.put("version", "print the version");
        COMMANDS.put("help", "help [COMMAND]: show help");
    }

    // ---------------------------------------------------------------- entry

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
            global = new DefaultParser().parse(globalOptions(), args, true);
        } catch (ParseException e) {
            return usageError(err, null, e.getMessage());
        }
        List<String> rest = global.getArgList();
        if (rest.isEmpty()) {
            // --help asked for it (stdout, exit 0); nothing at all is a usage error (stderr, exit 1).
            printMainHelp(global.hasOption("help") ? out : err);
            return global.hasOption("help") ? 0 : 1;
        }
        String command = rest.get(0);
        String[] tail = rest.subList(1, rest.size()).toArray(String[]::new);
        String[] merged = mergeGlobals(args, rest);
        if (java.util.Set.of("create", "preflight", "infra", "drift", "delete", "step").contains(command)) {
            // every numeric DAYLILY_* setting parses and is in range before anything is sent
            java.util.Optional<String> bad = EnvSettings.problem(env);
            if (bad.isPresent()) {
                err.println("✗ " + bad.get());
                return ExitCode.VALIDATION.code();
            }
        }
        return switch (command) {
            case "create" -> runPipeline(Pipelines.CREATE, merged, tail, out, err);
            case "preflight" -> runPipeline(Pipelines.PREFLIGHT, merged, tail, out, err);
            case "steps" -> steps(merged, tail, out, err);
            case "infra" -> infra(merged, tail, out, err);
            case "state" -> state(merged, tail, out, err);
            case "drift" -> drift(merged, tail, out, err);
            case "delete" -> delete(merged, tail, out, err);
            case "step" -> stepCommand(merged, tail, out, err);
            case "version" -> {
                out.println(PROG + " " + version());
                yield 0;
            }
            case "__warm" -> warmForArchive();
            case "help" -> {
                if (tail.length > 0 && COMMANDS.containsKey(tail[0])) {
                    printCommandHelp(out, tail[0]);
                } else {
                    printMainHelp(out);
                }
                yield 0;
            }
            default -> usageError(err, null, "unknown command '" + command + "'");
        };
    }

    /**
     * Hidden: the training run of the launcher's class-data-sharing archive. Loads what a create
     * loads (options and help, step discovery and the plan, every AWS client type, the JSON printer)
     * without reading config or touching the network.
     */
    private int warmForArchive() {
        PrintStream sink = new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        printMainHelp(sink);
        for (String c : COMMANDS.keySet()) {
            printCommandHelp(sink, c);
        }
        Discovery found = Discovery.discover(Cli.class.getClassLoader(), List.of());
        Planner.plan(found.steps(), Pipelines.CREATE);
        List<String> types = new ArrayList<>(ClientWarmup.PREFLIGHT);
        types.addAll(ClientWarmup.CREATE_EXTRA);
        types.forEach(ClientWarmup::warm);
        sink.print(Json.write(Map.of("warm", types)));
        return 0;
    }

    /** The global options that came before the command, to be re-parsed together with the command's own. */
    private static String[] mergeGlobals(String[] args, List<String> rest) {
        return Arrays.copyOfRange(args, 0, args.length - rest.size());
    }

    private CommandLine parse(String command, Options options, String[] globals, String[] tail, PrintStream out,
                              PrintStream err) throws UsageException {
        String[] all = new String[globals.length + tail.length];
        System.arraycopy(globals, 0, all, 0, globals.length);
        System.arraycopy(tail, 0, all, globals.length, tail.length);
        if (Arrays.asList(all).contains("--help") || Arrays.asList(all).contains("-h")) {
            printCommandHelp(out, command); // asked for: stdout, so it pipes into a pager
            throw new UsageException(0);
        }
        try {
            return new DefaultParser().parse(options, all, false);
        } catch (UnrecognizedOptionException e) {
            throw new UsageException(usageError(err, command, "unknown option " + e.getOption()));
        } catch (MissingOptionException e) {
            throw new UsageException(usageError(err, command, "missing required option "
                    + String.join(", ", e.getMissingOptions().stream().map(o -> "--" + o).toList())));
        } catch (MissingArgumentException e) {
            throw new UsageException(usageError(err, command, "option --" + e.getOption().getLongOpt() + " needs a value"));
        } catch (ParseException e) {
            throw new UsageException(usageError(err, command, e.getMessage()));
        }
    }

    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;

        UsageException(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    // ---------------------------------------------------------------- pipelines

    private int runPipeline(String pipeline, String[] globals, String[] tail, PrintStream out, PrintStream err) {
        boolean create = Pipelines.CREATE.equals(pipeline);
        CommandLine cl;
        try {
            cl = parse(pipeline, runOptions(create), globals, tail, out, err);
        } catch (UsageException u) {
            return u.code;
        }
        if (!cl.getArgList().isEmpty()) {
            return usageError(err, pipeline, "unexpected argument '" + cl.getArgList().get(0) + "'");
        }
        String az = cl.getOptionValue("region-az");
        String region = Regions.regionOf(az, regionEnv(cl));
        if (!"0".equals(env.get("DAYLILY_EC_WARMUP"))) {
            List<String> types = new ArrayList<>(ClientWarmup.PREFLIGHT);
            if (create) {
                types.addAll(ClientWarmup.CREATE_EXTRA);
            }
            ClientWarmup.start(types, 1);
        }
        RepoOverrides overrides = create ? repoOverrides(cl.getOptionValues("repo-override")) : new RepoOverrides(null);

        Path configDir = ConfigDir.ensure(ConfigDir.resolve(env));
        RunContext ctx = RunContext.empty(clock.timestamp())
                .with(ContextKeys.PIPELINE, pipeline)
                .with(ContextKeys.REGION_AZ, az)
                .with(ContextKeys.REGION, region)
                .with(ContextKeys.PASS_ON_WARN, cl.hasOption("pass-on-warn"))
                .with(ContextKeys.NON_INTERACTIVE, cl.hasOption("non-interactive"))
                .with(ContextKeys.DEBUG, cl.hasOption("debug"))
                .with(ContextKeys.REPO_OVERRIDES, overrides);
        if (cl.hasOption("profile")) {
            ctx = ctx.with(ContextKeys.AWS_PROFILE, cl.getOptionValue("profile"));
        }
        if (cl.hasOption("config")) {
            ctx = ctx.with(ContextKeys.CONFIG_PATH, cl.getOptionValue("config"));
        }
        Discovery found = discover(cl, configDir, err);
        List<LoadedStep> plan = Planner.plan(found.steps(), pipeline);
        if (create) {
            plan = PlanCheck.guard(plan);
        }
        return execute(pipeline, plan, ctx, cl, configDir, found, out, err, cl.hasOption("json")).exitCode().code();
    }

    private PipelineRunner.Outcome execute(String pipeline, List<LoadedStep> plan, RunContext ctx, CommandLine cl,
                                           Path configDir, Discovery found, PrintStream out, PrintStream err,
                                           boolean json) {
        Style style = Style.decide(cl.hasOption("no-color"), json, terminal, env);
        JsonReportWriter report = new JsonReportWriter(configDir);
        StateFileWriter state = new StateFileWriter(configDir);
        List<RunListener> listeners = new ArrayList<>();
        listeners.add(new ConsoleWriter(err, style, cl.hasOption("debug")));
        listeners.add(report);
        listeners.add(state);
        listeners.addAll(found.listeners());
        EventBusPublisher bus = new EventBusPublisher(listeners);

        boolean nonInteractive = cl.hasOption("non-interactive");
        ConsolePrompter prompter = new ConsolePrompter(
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), err, !nonInteractive,
                terminal && !json && !env.containsKey("CI") && !"dumb".equals(env.get("TERM")), columns(env));
        URI endpoint = cl.hasOption("endpoint-url") ? URI.create(cl.getOptionValue("endpoint-url")) : null;
        PipelineRunner.Outcome outcome;
        try (SdkAwsClients aws = new SdkAwsClients(endpoint, env)) {
            Lookups lookups = Lookups.forEnv(env);
            RunServices services = new RunServices(bus, prompter, aws, processes, clock, configDir, env,
                    Path.of("").toAbsolutePath(), lookups);
            try {
                outcome = new PipelineRunner(bus, services, aws, cl.hasOption("pass-on-warn")).run(pipeline, plan, ctx);
            } finally {
                // A gate that failed may leave later gates' lookups in flight: let them land before the
                // clients close, so the run ends with no request outstanding.
                lookups.settle(LOOKUP_SETTLE);
            }
        }
        for (String f : bus.listenerFailures()) {
            err.println("⚠ " + f);
        }
        if (cl.hasOption("debug") && outcome.error() != null) {
            outcome.error().printStackTrace(err);
        }
        if (json) {
            Map<String, Object> summary = new TreeMap<>();
            summary.put("pipeline", pipeline);
            summary.put("run_id", outcome.context().runId());
            summary.put("exit_code", outcome.exitCode().code());
            summary.put("reason", outcome.reason());
            summary.put("message", outcome.message());
            summary.put("report_path", report.path() == null ? null : report.path().toString());
            summary.put("state_path", state.path() == null ? null : state.path().toString());
            summary.put("report", report.report());
            summary.put("login_command", outcome.context().get(ContextKeys.LOGIN_COMMAND).orElse(null));
            summary.put("aws_changes", io.daylily.ec.api.AwsChanges.of(outcome.context()).items());
            out.print(Json.write(summary));
            out.flush();
        }
        return outcome;
    }

    /** The environment for region checks: with {@code --endpoint-url} as AWS_ENDPOINT_URL when it is given. */
    private Map<String, String> regionEnv(CommandLine cl) {
        if (!cl.hasOption("endpoint-url")) {
            return env;
        }
        Map<String, String> e = new java.util.HashMap<>(env);
        e.put("AWS_ENDPOINT_URL", cl.getOptionValue("endpoint-url"));
        return e;
    }

    /** The terminal's width when the shell exports it ({@code COLUMNS}), else 100. */
    static int columns(Map<String, String> env) {
        try {
            int c = Integer.parseInt(env.getOrDefault("COLUMNS", "").strip());
            return c > 0 ? c : 100;
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    private RepoOverrides repoOverrides(String[] values) {
        java.util.SortedMap<String, String> refs = new TreeMap<>();
        if (values == null) {
            return new RepoOverrides(refs);
        }
        Set<String> catalog = RepositoryCatalog.keys(Path.of("config", "daylily_available_repositories.yaml"));
        for (String v : values) {
            if (!REPO_OVERRIDE.matcher(v).matches()) {
                throw new DaylilyException(ExitCode.VALIDATION, "--repo-override '" + v
                        + "' must be KEY:REF (key of letters, digits, '_' or '-'; a non-empty ref)");
            }
            int colon = v.indexOf(':');
            String key = v.substring(0, colon);
            if (catalog != null && !catalog.contains(key)) {
                throw new DaylilyException(ExitCode.VALIDATION, "--repo-override key '" + key
                        + "' is not in the repository catalog; available: " + String.join(", ", catalog));
            }
            refs.put(key, v.substring(colon + 1));
        }
        return new RepoOverrides(refs);
    }

    private Discovery discover(CommandLine cl, Path configDir, PrintStream err) {
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

    // ---------------------------------------------------------------- infra

    static Options infraOptions() {
        Options o = globalOptions();
        o.addOption(Option.builder().longOpt("region-az").hasArg().argName("AZ").required()
                .desc("availability zone of the network, e.g. us-west-2b").build());
        o.addOption(Option.builder().longOpt("profile").hasArg().argName("NAME").desc("AWS profile (default: AWS_PROFILE)").build());
        o.addOption(Option.builder().longOpt("non-interactive").desc("never prompt").build());
        return o;
    }

    static Options bootstrapOptions(boolean regional) {
        Options o = globalOptions();
        o.addOption(Option.builder().longOpt("user").hasArg().argName("NAME").required()
                .desc("the IAM user who will create clusters (added to group daylily-ephemeral-cluster)").build());
        o.addOption(Option.builder().longOpt("policy-document").hasArg().argName("FILE").required()
                .desc("JSON document of the Daylily " + (regional ? "regional" : "global") + " policy").build());
        o.addOption(Option.builder().longOpt("profile").hasArg().argName("NAME").desc("an administrator AWS profile").build());
        if (regional) {
            o.addOption(Option.builder().longOpt("region").hasArg().argName("REGION").required().desc("the region").build());
            o.addOption(Option.builder().longOpt("lambda-policy-document").hasArg().argName("FILE")
                    .desc("JSON document of DaylilyPClusterLambdaAdjustRoles (optional)").build());
        }
        return o;
    }

    private int infra(String[] globals, String[] tail, PrintStream out, PrintStream err) {
        String sub = tail.length > 0 ? tail[0] : "";
        if (!List.of("ensure-network", "bootstrap-account", "bootstrap-region").contains(sub)) {
            return usageError(err, "infra", "expected: infra ensure-network | bootstrap-account | bootstrap-region");
        }
        boolean network = sub.equals("ensure-network");
        boolean regional = sub.equals("bootstrap-region");
        CommandLine cl;
        try {
            cl = parse("infra", network ? infraOptions() : bootstrapOptions(regional), globals,
                    Arrays.copyOfRange(tail, 1, tail.length), out, err);
        } catch (UsageException u) {
            return u.code;
        }
        String pipeline = network ? Pipelines.INFRA_NETWORK : regional ? Pipelines.BOOTSTRAP_REGION : Pipelines.BOOTSTRAP_ACCOUNT;
        Path configDir = ConfigDir.ensure(ConfigDir.resolve(env));
        RunContext ctx = RunContext.empty(clock.timestamp())
                .with(ContextKeys.PIPELINE, pipeline)
                .with(ContextKeys.NON_INTERACTIVE, cl.hasOption("non-interactive"))
                .with(ContextKeys.PASS_ON_WARN, false);
        if (network) {
            String az = cl.getOptionValue("region-az");
            ctx = ctx.with(ContextKeys.REGION_AZ, az).with(ContextKeys.REGION, Regions.regionOf(az, regionEnv(cl)));
        } else {
            ctx = ctx.with(ContextKeys.REGION, regional ? Regions.checkRegion(cl.getOptionValue("region"), regionEnv(cl))
                            : Regions.resolve(null, env))
                    .with(ContextKeys.BOOTSTRAP_USER, cl.getOptionValue("user"))
                    .with(ContextKeys.BOOTSTRAP_POLICY_FILE, Path.of(cl.getOptionValue("policy-document")).toAbsolutePath().toString());
            if (cl.hasOption("lambda-policy-document")) {
                ctx = ctx.with(ContextKeys.BOOTSTRAP_LAMBDA_POLICY_FILE,
                        Path.of(cl.getOptionValue("lambda-policy-document")).toAbsolutePath().toString());
            }
        }
        String profile = cl.hasOption("profile") ? cl.getOptionValue("profile") : env.get("AWS_PROFILE");
        if (profile != null && !profile.isBlank()) {
            ctx = ctx.with(ContextKeys.AWS_PROFILE, profile);
        }
        Discovery found = discover(cl, configDir, err);
        return execute(pipeline, Planner.plan(found.steps(), pipeline), ctx, cl, configDir,
                found, out, err, cl.hasOption("json")).exitCode().code();
    }

    // ---------------------------------------------------------------- drift

    static Options driftOptions() {
        Options o = globalOptions();
        o.addOption(Option.builder().longOpt("state-file").hasArg().argName("FILE").required().desc("the state record to check").build());
        o.addOption(Option.builder().longOpt("profile").hasArg().argName("NAME").desc("AWS profile (default: AWS_PROFILE)").build());
        return o;
    }

    private int drift(String[] globals, String[] tail, PrintStream out, PrintStream err) {
        CommandLine cl;
        try {
            cl = parse("drift", driftOptions(), globals, tail, out, err);
        } catch (UsageException u) {
            return u.code;
        }
        Path configDir = ConfigDir.ensure(ConfigDir.resolve(env));
        RunContext ctx = RunContext.empty(clock.timestamp()).with(ContextKeys.PIPELINE, Pipelines.DRIFT)
                .with(ContextKeys.STATE_FILE, Path.of(cl.getOptionValue("state-file")).toAbsolutePath().toString())
                .with(ContextKeys.NON_INTERACTIVE, true).with(ContextKeys.PASS_ON_WARN, false);
        String profile = cl.hasOption("profile") ? cl.getOptionValue("profile") : env.get("AWS_PROFILE");
        if (profile != null && !profile.isBlank()) {
            ctx = ctx.with(ContextKeys.AWS_PROFILE, profile);
        }
        Discovery found = discover(cl, configDir, err);
        PipelineRunner.Outcome o = execute(Pipelines.DRIFT, Planner.plan(found.steps(), Pipelines.DRIFT), ctx, cl, configDir,
                found, out, err, false);
        o.context().asMap().entrySet().stream().filter(e -> e.getKey().equals("drift_report")).findFirst()
                .ifPresent(e -> out.print(Json.write(e.getValue())));
        return o.exitCode().code();
    }

    // ---------------------------------------------------------------- delete

    static Options deleteOptions() {
        Options o = globalOptions();
        o.addOption(Option.builder().longOpt("cluster-name").hasArg().argName("NAME").desc("the cluster").build());
        o.addOption(Option.builder().longOpt("region").hasArg().argName("REGION").desc("its region").build());
        o.addOption(Option.builder().longOpt("state-file").hasArg().argName("FILE").desc("take cluster, region, profile from this record").build());
        o.addOption(Option.builder().longOpt("profile").hasArg().argName("NAME").desc("AWS profile (default: the record's, then AWS_PROFILE)").build());
        o.addOption(Option.builder().longOpt("yes").desc("no confirmation").build());
        o.addOption(Option.builder().longOpt("dry-run").desc("report what would be deleted; change nothing").build());
        o.addOption(Option.builder().longOpt("non-interactive").desc("never prompt").build());
        return o;
    }

    private int delete(String[] globals, String[] tail, PrintStream out, PrintStream err) {
        CommandLine cl;
        try {
            cl = parse("delete", deleteOptions(), globals, tail, out, err);
        } catch (UsageException u) {
            return u.code;
        }
        Path configDir = ConfigDir.ensure(ConfigDir.resolve(env));
        RunContext ctx = RunContext.empty(clock.timestamp()).with(ContextKeys.PIPELINE, Pipelines.DELETE)
                .with(ContextKeys.ASSUME_YES, cl.hasOption("yes")).with(ContextKeys.DRY_RUN, cl.hasOption("dry-run"))
                .with(ContextKeys.NON_INTERACTIVE, cl.hasOption("non-interactive")).with(ContextKeys.PASS_ON_WARN, true);
        if (cl.hasOption("cluster-name")) {
            ctx = ctx.with(ContextKeys.CLUSTER_NAME, cl.getOptionValue("cluster-name"));
        }
        if (cl.hasOption("region")) {
            ctx = ctx.with(ContextKeys.REGION, cl.getOptionValue("region"));
        }
        if (cl.hasOption("state-file")) {
            ctx = ctx.with(ContextKeys.STATE_FILE, Path.of(cl.getOptionValue("state-file")).toAbsolutePath().toString());
        }
        String profile = cl.hasOption("profile") ? cl.getOptionValue("profile") : null;
        if (profile != null && !profile.isBlank()) {
            ctx = ctx.with(ContextKeys.AWS_PROFILE, profile);
        } else if (!cl.hasOption("state-file") && env.get("AWS_PROFILE") != null && !env.get("AWS_PROFILE").isBlank()) {
            ctx = ctx.with(ContextKeys.AWS_PROFILE, env.get("AWS_PROFILE"));
        }
        Discovery found = discover(cl, configDir, err);
        return execute(Pipelines.DELETE, Planner.plan(found.steps(), Pipelines.DELETE), ctx, cl, configDir, found, out, err,
                cl.hasOption("json")).exitCode().code();
    }

    // ---------------------------------------------------------------- state

    static Options stateOptions() {
        Options o = globalOptions();
        o.addOption(Option.builder().longOpt("cluster-name").hasArg().argName("NAME").desc("the newest record of this cluster").build());
        o.addOption(Option.builder().longOpt("state-file").hasArg().argName("FILE").desc("this record").build());
        return o;
    }

    private int state(String[] globals, String[] tail, PrintStream out, PrintStream err) {
        String sub = tail.length > 0 ? tail[0] : "";
        if (!sub.equals("list") && !sub.equals("show")) {
            return usageError(err, "state", "expected: state list | state show (--cluster-name N | --state-file F)");
        }
        CommandLine cl;
        try {
            cl = parse("state", stateOptions(), globals, Arrays.copyOfRange(tail, 1, tail.length), out, err);
        } catch (UsageException u) {
            return u.code;
        }
        List<StateRecords.Entry> records = StateRecords.list(ConfigDir.resolve(env));
        if (sub.equals("list")) {
            if (cl.hasOption("json")) {
                out.print(Json.write(records));
                return 0;
            }
            out.printf("%-26s %-15s %-12s %-10s %s%n", "CLUSTER", "RUN ID", "REGION", "STATUS", "PATH");
            for (StateRecords.Entry e : records) {
                out.printf("%-26s %-15s %-12s %-10s %s%n", e.clusterName(), e.runId(), e.region(), e.status(), e.path());
            }
            return 0;
        }
        Path file;
        if (cl.hasOption("state-file")) {
            file = Path.of(cl.getOptionValue("state-file"));
        } else if (cl.hasOption("cluster-name")) {
            String name = cl.getOptionValue("cluster-name");
            file = records.stream().filter(e -> e.clusterName().equals(name) && !e.status().equals("ERROR"))
                    .max(java.util.Comparator.comparing(StateRecords.Entry::runId)).map(e -> Path.of(e.path()))
                    .orElseThrow(() -> new DaylilyException(ExitCode.VALIDATION, "no state record for cluster '" + name
                            + "' in " + ConfigDir.resolve(env) + "; see 'daylily-ec state list'"));
        } else {
            return usageError(err, "state", "state show needs --cluster-name N or --state-file F");
        }
        try {
            out.print(Files.readString(file));
        } catch (IOException e) {
            throw new DaylilyException(ExitCode.VALIDATION, "cannot read state file " + file + ": " + e.getMessage(), e);
        }
        return 0;
    }

    // ---------------------------------------------------------------- steps, step run

    private int steps(String[] globals, String[] tail, PrintStream out, PrintStream err) {
        Options o = globalOptions();
        o.addOption(Option.builder().longOpt("pipeline").hasArg().argName("NAME").desc("only this pipeline's steps").build());
        CommandLine cl;
        try {
            cl = parse("steps", o, globals, tail, out, err);
        } catch (UsageException u) {
            return u.code;
        }
        Path configDir = ConfigDir.resolve(env);
        Discovery found = discover(cl, configDir, err);
        List<LoadedStep> all = cl.hasOption("pipeline")
                ? Planner.plan(found.steps(), cl.getOptionValue("pipeline")) : Planner.all(found.steps());
        if (cl.hasOption("json")) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (LoadedStep s : all) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("order", s.order());
                r.put("id", s.id());
                r.put("pipelines", s.step().pipelines().stream().sorted().toList());
                r.put("source", s.source());
                r.put("description", s.step().description());
                rows.add(r);
            }
            out.print(Json.write(rows));
            return 0;
        }
        int w = all.stream().mapToInt(s -> s.id().length()).max().orElse(2);
        int pw = all.stream().mapToInt(s -> String.join(",", s.step().pipelines()).length()).max().orElse(9);
        out.printf("%-5s  %-" + w + "s  %-" + pw + "s  %s%n", "ORDER", "ID", "PIPELINES", "SOURCE");
        for (LoadedStep s : all) {
            out.printf("%-5d  %-" + w + "s  %-" + pw + "s  %s%n", s.order(), s.id(),
                    String.join(",", s.step().pipelines().stream().sorted().toList()), s.source());
        }
        if (all.isEmpty()) {
            err.println("no steps found");
        }
        return 0;
    }

    private int stepCommand(String[] globals, String[] tail, PrintStream out, PrintStream err) {
        if (tail.length < 2 || !"run".equals(tail[0])) {
            return usageError(err, "step", "expected: step run ID [--context FILE] [--set KEY=VALUE…]");
        }
        String id = tail[1];
        CommandLine cl;
        try {
            cl = parse("step", stepRunOptions(), globals, Arrays.copyOfRange(tail, 2, tail.length), out, err);
        } catch (UsageException u) {
            return u.code;
        }
        Path configDir = ConfigDir.ensure(ConfigDir.resolve(env));
        Discovery found = discover(cl, configDir, err);
        List<LoadedStep> all = Planner.all(found.steps());
        LoadedStep step = all.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new DaylilyException(ExitCode.VALIDATION, "no step with id '" + id
                        + "'; see '" + PROG + " steps' for the list"));
        List<ContextKey<?>> keys = knownKeys(all);
        RunContext ctx;
        if (cl.hasOption("context")) {
            Path file = Path.of(cl.getOptionValue("context"));
            try {
                ctx = RunContextJson.read(Files.readString(file), keys);
            } catch (IOException e) {
                throw new DaylilyException(ExitCode.VALIDATION, "cannot read --context " + file + ": " + e.getMessage(), e);
            }
        } else {
            ctx = RunContext.empty(clock.timestamp());
        }
        String[] sets = cl.getOptionValues("set");
        if (sets != null) {
            for (String s : sets) {
                int eq = s.indexOf('=');
                if (eq <= 0) {
                    return usageError(err, "step", "--set needs KEY=VALUE, got '" + s + "'");
                }
                String name = s.substring(0, eq);
                ContextKey<?> key = keys.stream().filter(k -> k.name().equals(name)).findFirst()
                        .orElse(ContextKey.of(name, String.class));
                ctx = withParsed(ctx, key, s.substring(eq + 1));
            }
        }
        ctx = ctx.with(ContextKeys.NON_INTERACTIVE, cl.hasOption("non-interactive") || ctx.getOrDefault(ContextKeys.NON_INTERACTIVE, false));
        String pipeline = ctx.getOrDefault(ContextKeys.PIPELINE, "step");
        PipelineRunner.Outcome outcome = execute(pipeline, List.of(step), ctx, cl, configDir, found, out, err, false);
        // The machine output of 'step run' is the resulting context, ready for the next --context.
        out.print(RunContextJson.write(outcome.context()));
        return outcome.exitCode().code();
    }

    private static <T> RunContext withParsed(RunContext ctx, ContextKey<T> key, String text) {
        return ctx.with(key, RunContextJson.parseValue(key, text));
    }

    /** Every {@code static final ContextKey} field of {@link ContextKeys} and of each step class. */
    static List<ContextKey<?>> knownKeys(List<LoadedStep> steps) {
        List<ContextKey<?>> keys = new ArrayList<>();
        List<Class<?>> owners = new ArrayList<>();
        owners.add(ContextKeys.class);
        steps.forEach(s -> owners.add(s.step().getClass()));
        for (Class<?> c : owners) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && ContextKey.class.isAssignableFrom(f.getType())) {
                    try {
                        f.setAccessible(true);
                        keys.add((ContextKey<?>) f.get(null));
                    } catch (ReflectiveOperationException | RuntimeException ignored) {
                        // an inaccessible key is simply not typed on reload
                    }
                }
            }
        }
        return keys;
    }

    // ---------------------------------------------------------------- help

    private int usageError(PrintStream err, String command, String message) {
        err.println(PROG + ": " + message);
        if (command == null) {
            printMainHelp(err);
        } else {
            printCommandHelp(err, command);
        }
        return ExitCode.VALIDATION.code();
    }

    static void printMainHelp(PrintStream err) {
        err.println("usage: " + PROG + " [--json] [--debug] [--no-color] [--plugins DIR] [--endpoint-url URL] COMMAND [options]");
        err.println();
        err.println("Commands:");
        COMMANDS.forEach((k, v) -> err.printf("  %-10s %s%n", k, v));
        err.println();
        err.println("Exit codes: 0 ok, 1 validation, 2 AWS operation, 3 drift, 4 toolchain.");
        err.println("Run '" + PROG + " help COMMAND' for a command's options.");
    }

    static void printCommandHelp(PrintStream err, String command) {
        Options o = switch (command) {
            case "create" -> runOptions(true);
            case "preflight" -> runOptions(false);
            case "step" -> stepRunOptions();
            case "infra" -> infraOptions();
            case "state" -> stateOptions();
            case "drift" -> driftOptions();
            case "delete" -> deleteOptions();
            default -> globalOptions();
        };
        String syntax = switch (command) {
            case "create" -> ("daylily-create-ephemeral-cluster".equals(System.getProperty("daylily.prog"))
                    ? "daylily-create-ephemeral-cluster" : PROG + " create") + " --region-az AZ [--profile NAME] [--config PATH] [--pass-on-warn] [--non-interactive] [--repo-override KEY:REF]…";
            case "preflight" -> PROG + " preflight --region-az AZ [--profile NAME] [--config PATH] [--pass-on-warn] [--non-interactive]";
            case "step" -> PROG + " step run ID [--context FILE] [--set KEY=VALUE]…";
            case "infra" -> PROG + " infra ensure-network --region-az AZ [--profile NAME]\n  | infra bootstrap-account --user NAME"
                    + " --policy-document FILE [--profile ADMIN]\n  | infra bootstrap-region --region R --user NAME --policy-document FILE"
                    + " [--lambda-policy-document FILE] [--profile ADMIN]";
            default -> PROG + " " + command;
        };
        PrintWriter pw = new PrintWriter(err, true, StandardCharsets.UTF_8);
        HelpFormatter hf = HelpFormatter.builder().get();
        hf.printHelp(pw, 100, syntax, null, o, 2, 2,
                "\nEnvironment: AWS_PROFILE, DAY_EX_CFG, DAY_DISABLE_AUTO_SELECT, DAY_CONTACT_EMAIL, DAY_BREAK,"
                        + " DAYLILY_CONFIG_DIR, AWS_ENDPOINT_URL.\nExit codes: 0 ok, 1 validation, 2 AWS, 3 drift, 4 toolchain.",
                false);
        pw.flush();
    }

    static String version() {
        String v = Cli.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
