package io.daylily.ec.api;

import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.event.RunEvent;
import io.daylily.ec.api.event.WarningEvent;

/**
 * How steps report what they find. Delivery is synchronous: when {@link #publish} returns, every
 * listener has seen the event. A listener's failure never reaches the publisher.
 */
public interface EventPublisher {
    /** Publishes one event. Never null. */
    void publish(RunEvent event);

    /** Shorthand for publishing a check. Returns the check, for chaining into step logic. */
    default CheckResult check(CheckResult result) {
        publish(result);
        return result;
    }

    /** Shorthand for publishing a {@link WarningEvent}. */
    default void warn(String source, String message) {
        publish(new WarningEvent(source, message));
    }
}
