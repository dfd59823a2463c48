package io.daylily.ec.api.testing;

import io.daylily.ec.api.Lookups;
import io.daylily.ec.api.ProcessRunner;
import io.daylily.ec.api.Prompter;
import io.daylily.ec.api.StepServices;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** {@link StepServices} for tests: recording publisher, scripted prompter, fixed clock, fake runner. */
public final class TestServices implements StepServices {
    private final RecordingPublisher events = new RecordingPublisher();
    private final Prompter prompter;
    private final MapAwsClients aws;
    private final ProcessRunner processes;
    private final FixedClock clock;
    private final Path configDir;
    private final Path workDir;
    private final Map<String, String> env;
    private final Lookups lookups;

    private TestServices(Builder b) {
        this.prompter = b.prompter;
        this.aws = b.aws;
        this.processes = b.processes;
        this.clock = b.clock;
        this.configDir = b.configDir;
        this.workDir = b.workDir == null ? b.configDir : b.workDir;
        this.env = Map.copyOf(b.env);
        this.lookups = b.lookups.apply(this.env);
    }

    public static Builder builder(Path configDir) {
        return new Builder(configDir);
    }

    @Override
    public RecordingPublisher events() {
        return events;
    }

    @Override
    public Prompter prompter() {
        return prompter;
    }

    @Override
    public MapAwsClients aws() {
        return aws;
    }

    @Override
    public ProcessRunner processes() {
        return processes;
    }

    @Override
    public FixedClock clock() {
        return clock;
    }

    @Override
    public Path configDir() {
        return configDir;
    }

    @Override
    public Path workDir() {
        return workDir;
    }

    @Override
    public Map<String, String> env() {
        return env;
    }

    /** One per services object, as the runtime has one per run; {@link Lookups#none()} unless the builder was given others. */
    @Override
    public Lookups lookups() {
        return lookups;
    }

    public static final class Builder {
        private final Path configDir;
        private Path workDir;
        private Prompter prompter = ScriptedPrompter.nonInteractive();
        private MapAwsClients aws = new MapAwsClients();
        private ProcessRunner processes = new FakeProcessRunner();
        private FixedClock clock = FixedClock.standard();
        private final Map<String, String> env = new HashMap<>();
        private Function<Map<String, String>, Lookups> lookups = env -> Lookups.none();

        private Builder(Path configDir) {
            this.configDir = configDir;
        }

        public Builder prompter(Prompter p) {
            this.prompter = p;
            return this;
        }

        public <C> Builder aws(Class<C> type, C client) {
            this.aws.put(type, client);
            return this;
        }

        public Builder processes(ProcessRunner r) {
            this.processes = r;
            return this;
        }

        public Builder clock(FixedClock c) {
            this.clock = c;
            return this;
        }

        public Builder env(String name, String value) {
            this.env.put(name, value);
            return this;
        }

        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        /** The run's lookups, made from the services' environment (the support module's {@code SharedLookups::forEnv}). */
        public Builder lookups(Function<Map<String, String>, Lookups> fromEnv) {
            this.lookups = fromEnv;
            return this;
        }

        public TestServices build() {
            return new TestServices(this);
        }
    }

}
