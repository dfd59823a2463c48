package io.daylily.ec.api.testing;

import io.daylily.ec.api.EventPublisher;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.event.RunEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every published event, in order. */
public final class RecordingPublisher implements EventPublisher {
    private final List<RunEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void publish(RunEvent event) {
        events.add(event);
    }

    public List<RunEvent> events() {
        return List.copyOf(events);
    }

    public <E extends RunEvent> List<E> published(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public List<CheckResult> checks() {
        return published(CheckResult.class);
    }

    /** The only check with this id; fails when there is none or several. */
    public CheckResult check(String id) {
        List<CheckResult> found = checks().stream().filter(c -> c.id().equals(id)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one check '" + id + "', found " + found.size() + " in " + checks());
        }
        return found.get(0);
    }
}
