package io.daylily.ec.api;

import java.util.Set;

/**
 * One unit of pipeline work, discovered through {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/io.daylily.ec.api.Step}); needs a public no-arg constructor. Stateless:
 * the runtime creates one instance per run and calls {@link #run} once.
 *
 * <p>The runtime orders steps by {@link #order()}, then {@link #id()}, keeps those whose
 * {@link #pipelines()} contain the command being run, and stops the pipeline after a step that
 * published a FAIL check (or a WARN the user did not accept).
 */
public interface Step {
    /** Stable dotted id, e.g. {@code preflight.quotas}; unique across all jars. Never null. */
    String id();

    /** Lower runs first; built-ins use the {@link Order} bases, spaced by 10. */
    int order();

    /** The commands that include this step: {@code create}, {@code preflight}, … Never null. */
    Set<String> pipelines();

    /** One line for {@code daylily-ec steps}. */
    default String description() {
        return "";
    }

    /**
     * Whether this step writes to AWS, declared, never guessed from its order (issue #28). False by default:
     * the runtime refuses every AWS write of a step that does not say so. A step that owns resources is a
     * {@link ResourceStep} (its writes are confined to its apply); a plain step that returns true here has
     * nothing to inspect — its whole {@link #run} counts as its apply, and {@code plan} does not run it.
     */
    default boolean mutatesAws() {
        return false;
    }

    /**
     * Starts in the background the read-only lookups this step will ask for ({@code services.lookups().start(key, …)}),
     * so the reads of every step overlap instead of following each other (issue #28). The runtime calls it for each
     * step still to run, all together, when the run reaches {@link Order#READS} (after the config and toolchain
     * gates), and only when the run's lookups work in the background. Reads only; publishes nothing, asks nothing;
     * whatever it cannot start is left to {@link #run}, which asks with the same key and reports in its own place.
     * By default nothing.
     */
    default void startReads(RunContext context, StepServices services) {
    }

    /**
     * Does the work and returns the context for the next step. Never returns null; never changes
     * the input (contexts are immutable). Report findings as {@code CheckResult}s through
     * {@code services.events()}; throw {@link DaylilyException} when the step itself cannot complete.
     *
     * @param context  the context the previous step returned; never null
     * @param services the run's services; never null
     */
    RunContext run(RunContext context, StepServices services);
}
