package io.daylily.ec.app;

import java.util.function.Supplier;
import org.apache.commons.cli.Options;

/** What every command class has: the shared runtime, its name, summary and option table. */
abstract class AbstractCommand implements Command {
    protected final CliRuntime rt;
    private final String name;
    private final String summary;
    private final Supplier<Options> options;
    private final boolean runsSteps;

    AbstractCommand(CliRuntime rt, String name, String summary, Supplier<Options> options, boolean runsSteps) {
        this.rt = rt;
        this.name = name;
        this.summary = summary;
        this.options = options;
        this.runsSteps = runsSteps;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String summary() {
        return summary;
    }

    @Override
    public final Options options() {
        return options.get();
    }

    @Override
    public final boolean runsSteps() {
        return runsSteps;
    }
}
