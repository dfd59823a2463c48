package io.daylily.ec.app.runtime;

import com.google.common.eventbus.DeadEvent;
import com.google.common.eventbus.EventBus;
import com.google.common.eventbus.Subscribe;
import com.google.common.eventbus.SubscriberExceptionContext;
import com.google.common.eventbus.SubscriberExceptionHandler;
import io.daylily.ec.api.EventPublisher;
import io.daylily.ec.api.RunListener;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.event.ResourceTouched;
import io.daylily.ec.api.event.RunEvent;
import io.daylily.ec.api.event.RunFinished;
import io.daylily.ec.api.event.RunStarted;
import io.daylily.ec.api.event.StepFinished;
import io.daylily.ec.api.event.StepStarted;
import io.daylily.ec.api.event.WarningEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The {@link EventPublisher} steps see, backed by a synchronous Guava {@link EventBus}. Each
 * {@link RunListener} is wrapped in a subscriber adapter; a listener that throws is logged, recorded
 * in {@link #listenerFailures()}, and never stops the run or the other listeners.
 */
public final class EventBusPublisher implements EventPublisher {
    private static final Logger LOG = LogManager.getLogger(EventBusPublisher.class);

    private final EventBus bus;
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<CheckResult> checks = new CopyOnWriteArrayList<>();
    private final List<WarningEvent> warnings = new CopyOnWriteArrayList<>();

    public EventBusPublisher(List<RunListener> listeners) {
        this.bus = new EventBus(new ListenerFailures());
        for (RunListener l : listeners) {
            bus.register(new Adapter(l));
        }
        bus.register(this);
    }

    @Override
    public synchronized void publish(RunEvent event) {
        if (event instanceof CheckResult c) {
            checks.add(c);
        } else if (event instanceof WarningEvent w) {
            warnings.add(w);
        }
        bus.post(event);
    }

    /** Every check published so far, in order. */
    public List<CheckResult> checks() {
        return new ArrayList<>(checks);
    }

    public List<WarningEvent> warnings() {
        return new ArrayList<>(warnings);
    }

    /** One line per listener failure ("listener X failed on Y: message"). */
    public List<String> listenerFailures() {
        return List.copyOf(failures);
    }

    /** Every event type has subscribers; a dead event means an adapter is missing a type. */
    @Subscribe
    public void onDead(DeadEvent dead) {
        LOG.warn("event nobody handled: {}", dead.getEvent().getClass().getSimpleName());
    }

    private final class ListenerFailures implements SubscriberExceptionHandler {
        @Override
        public void handleException(Throwable e, SubscriberExceptionContext c) {
            String name = c.getSubscriber() instanceof Adapter a ? a.listener.getClass().getName()
                    : String.valueOf(c.getSubscriber());
            String line = "listener " + name + " failed on " + c.getEvent().getClass().getSimpleName() + ": " + e;
            LOG.warn(line, e);
            failures.add(line);
        }
    }

    /** Bridges one annotation-free {@link RunListener} to the bus. */
    static final class Adapter {
        final RunListener listener;

        Adapter(RunListener listener) {
            this.listener = listener;
        }

        @Subscribe
        public void runStarted(RunStarted e) {
            listener.onRunStarted(e);
        }

        @Subscribe
        public void stepStarted(StepStarted e) {
            listener.onStepStarted(e);
        }

        @Subscribe
        public void check(CheckResult e) {
            listener.onCheck(e);
        }

        @Subscribe
        public void warning(WarningEvent e) {
            listener.onWarning(e);
        }

        @Subscribe
        public void resourceTouched(ResourceTouched e) {
            listener.onResourceTouched(e);
        }

        @Subscribe
        public void stepFinished(StepFinished e) {
            listener.onStepFinished(e);
        }

        @Subscribe
        public void runFinished(RunFinished e) {
            listener.onRunFinished(e);
        }

        @Override
        public String toString() {
            return listener.getClass().getName();
        }
    }
}
