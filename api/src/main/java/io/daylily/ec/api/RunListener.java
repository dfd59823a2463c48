package io.daylily.ec.api;

import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.event.ResourceTouched;
import io.daylily.ec.api.event.RunFinished;
import io.daylily.ec.api.event.RunStarted;
import io.daylily.ec.api.event.StepFinished;
import io.daylily.ec.api.event.StepStarted;
import io.daylily.ec.api.event.WarningEvent;

/**
 * Receives run events. Discovered through {@link java.util.ServiceLoader} (class path and plug-in
 * jars: list the class in {@code META-INF/services/io.daylily.ec.api.RunListener}); needs a public
 * no-arg constructor. Every method is a no-op by default, so a listener overrides only what it needs
 * and older listeners keep loading when events are added.
 *
 * <p>Called synchronously on the run's thread. A listener that throws is reported (WARN log and a
 * line in the run summary) and never stops the run or other listeners.
 */
public interface RunListener {
    /** Once per run, before the first step. */
    default void onRunStarted(RunStarted event) {
    }

    default void onStepStarted(StepStarted event) {
    }

    /** Each PASS/WARN/FAIL check, as it completes. */
    default void onCheck(CheckResult event) {
    }

    default void onWarning(WarningEvent event) {
    }

    /** A step is about to create or change an AWS resource (the state file records it at once). */
    default void onResourceTouched(ResourceTouched event) {
    }

    default void onStepFinished(StepFinished event) {
    }

    /** Once per run, on every ending (posted from {@code finally}). */
    default void onRunFinished(RunFinished event) {
    }
}
