package io.daylily.ec.api.testing;

import io.daylily.ec.api.AwsClients;
import io.daylily.ec.api.AwsTarget;
import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Hands out the client instances (usually Mockito mocks) registered per type; records each request. */
public final class MapAwsClients implements AwsClients {
    private final Map<Class<?>, Object> clients = new HashMap<>();
    private final List<AwsTarget> targets = new ArrayList<>();
    private boolean closed;

    public <C> MapAwsClients put(Class<C> type, C client) {
        clients.put(type, client);
        return this;
    }

    @Override
    public synchronized <C> C get(Class<C> type, AwsTarget target) {
        targets.add(target);
        Object c = clients.get(type);
        if (c == null) {
            throw new DaylilyException(ExitCode.AWS, "test: no " + type.getSimpleName() + " registered");
        }
        return type.cast(c);
    }

    public synchronized List<AwsTarget> targets() {
        return List.copyOf(targets);
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
