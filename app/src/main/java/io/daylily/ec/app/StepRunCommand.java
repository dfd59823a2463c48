package io.daylily.ec.app;

import io.daylily.ec.api.ContextKey;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.app.runtime.Discovery;
import io.daylily.ec.app.runtime.LoadedStep;
import io.daylily.ec.app.runtime.PipelineRunner;
import io.daylily.ec.app.runtime.Planner;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.cli.CommandLine;

/** {@code step run ID}: one step in isolation, from a saved context and/or {@code --set} values; prints the resulting context. */
final class StepRunCommand extends AbstractCommand {
    StepRunCommand(CliRuntime rt) {
        super(rt, "step", "step run ID [--context FILE] [--set KEY=VALUE…]: run one step in isolation", CliOptions::stepRun, true);
    }

    @Override
    public String syntax() {
        return Cli.PROG + " step run ID [--context FILE] [--set KEY=VALUE]…";
    }

    @Override
    public int run(Invocation inv) {
        String[] tail = inv.tail();
        if (tail.length < 2 || !"run".equals(tail[0])) {
            return rt.help().usageError(inv.err(), this, "expected: step run ID [--context FILE] [--set KEY=VALUE…]");
        }
        String id = tail[1];
        CommandLine cl;
        try {
            cl = rt.parse(this, options(), inv, Arrays.copyOfRange(tail, 2, tail.length));
        } catch (UsageException u) {
            return u.code;
        }
        Path configDir = rt.configDir();
        Discovery found = rt.discover(cl, configDir, inv.err());
        List<LoadedStep> all = Planner.all(found.steps());
        LoadedStep step = all.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new DaylilyException(ExitCode.VALIDATION, "no step with id '" + id
                        + "'; see '" + Cli.PROG + " steps' for the list"));
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
            ctx = RunContext.empty(RunIds.reserve(configDir, rt.clock));
        }
        String[] sets = cl.getOptionValues("set");
        if (sets != null) {
            for (String s : sets) {
                int eq = s.indexOf('=');
                if (eq <= 0) {
                    return rt.help().usageError(inv.err(), this, "--set needs KEY=VALUE, got '" + s + "'");
                }
                String name = s.substring(0, eq);
                ContextKey<?> key = keys.stream().filter(k -> k.name().equals(name)).findFirst()
                        .orElse(ContextKey.of(name, String.class));
                ctx = withParsed(ctx, key, s.substring(eq + 1));
            }
        }
        ctx = ctx.with(ContextKeys.NON_INTERACTIVE, cl.hasOption("non-interactive") || ctx.getOrDefault(ContextKeys.NON_INTERACTIVE, false));
        String pipeline = ctx.getOrDefault(ContextKeys.PIPELINE, "step");
        PipelineRunner.Outcome outcome = rt.composition().execute(pipeline, List.of(step), ctx, cl, configDir, found,
                inv.out(), inv.err(), false);
        // The machine output of 'step run' is the resulting context, ready for the next --context.
        inv.out().print(RunContextJson.write(outcome.context()));
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
}
