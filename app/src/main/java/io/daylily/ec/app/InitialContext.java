package io.daylily.ec.app;

import io.daylily.ec.api.ContextKey;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.support.Precedence;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.cli.CommandLine;

/**
 * Builds a run's initial context from the command line, the one way for every command. The profile
 * follows support's {@link Precedence} (flag &gt; file &gt; environment &gt; default): a command whose
 * steps read a file that may name one (the config, the state record) passes only the flag on, and
 * the step that reads the file applies the rest; a command that reads no file resolves flag &gt;
 * {@code AWS_PROFILE} here.
 */
final class InitialContext {
    private RunContext ctx;

    private InitialContext(RunContext ctx) {
        this.ctx = ctx;
    }

    /** A context for {@code pipeline}, with the run's flags ({@code --non-interactive}, {@code --pass-on-warn}, {@code --debug}). */
    static InitialContext of(String pipeline, String runId, CommandLine cl) {
        return new InitialContext(RunContext.empty(runId)
                .with(ContextKeys.PIPELINE, pipeline)
                .with(ContextKeys.NON_INTERACTIVE, cl.hasOption("non-interactive"))
                .with(ContextKeys.PASS_ON_WARN, cl.hasOption("pass-on-warn"))
                .with(ContextKeys.DEBUG, cl.hasOption("debug")));
    }

    <T> InitialContext with(ContextKey<T> key, T value) {
        ctx = ctx.with(key, value);
        return this;
    }

    /** {@code key} set to the option's value when the option is given. */
    InitialContext option(CommandLine cl, String option, ContextKey<String> key) {
        if (cl.hasOption(option)) {
            ctx = ctx.with(key, cl.getOptionValue(option));
        }
        return this;
    }

    /** {@code key} set to the option's value as an absolute path when the option is given. */
    InitialContext path(CommandLine cl, String option, ContextKey<String> key) {
        if (cl.hasOption(option)) {
            ctx = ctx.with(key, Path.of(cl.getOptionValue(option)).toAbsolutePath().toString());
        }
        return this;
    }

    /** The {@code --profile} flag only: the run's steps read a file that may name the profile. */
    InitialContext profileFlag(CommandLine cl) {
        Precedence.first(cl.getOptionValue("profile")).ifPresent(p -> ctx = ctx.with(ContextKeys.AWS_PROFILE, p));
        return this;
    }

    /** Flag &gt; {@code AWS_PROFILE} &gt; the default chain: the run reads no file that names a profile. */
    InitialContext profile(CommandLine cl, Map<String, String> env) {
        Precedence.profile(cl.getOptionValue("profile"), null, env).ifPresent(p -> ctx = ctx.with(ContextKeys.AWS_PROFILE, p));
        return this;
    }

    RunContext build() {
        return ctx;
    }
}
