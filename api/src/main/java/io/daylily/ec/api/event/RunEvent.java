package io.daylily.ec.api.event;

/**
 * Everything the runtime and the steps publish. Events are immutable records, delivered
 * synchronously, in publication order, on the thread that published them.
 */
public sealed interface RunEvent permits RunStarted, CheckResult, WarningEvent, ResourceTouched, StepStarted, StepFinished, RunFinished {
}
