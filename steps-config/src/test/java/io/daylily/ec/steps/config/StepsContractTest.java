package io.daylily.ec.steps.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.support.config.ConfigKeys;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.Step;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The module's steps: found by the ServiceLoader, each with its documented id, order and pipelines. */
class StepsContractTest {
    @Test
    void theConfigStepsInTheirPlaces() {
        List<Step> steps = ServiceLoader.load(Step.class).stream().map(ServiceLoader.Provider::get)
                .filter(s -> s.id().startsWith("config.")).sorted(Comparator.comparingInt(Step::order)).toList();
        Map<String, Integer> order = new LinkedHashMap<>();
        steps.forEach(s -> order.put(s.id(), s.order()));
        assertEquals(List.of("config.load", "config.values", "config.validate", "config.artifacts"), List.copyOf(order.keySet()));
        assertEquals(List.of(Order.CONFIG, Order.CONFIG + 10, Order.CONFIG + 20, Order.POST + 90), List.copyOf(order.values()));
        Set<String> both = Set.of(Pipelines.CREATE, Pipelines.PREFLIGHT);
        for (Step s : steps) {
            // spot-market (issue #20) reads the config's template and max counts, nothing else of the config phase
            assertEquals(s.id().equals("config.artifacts") ? Set.of(Pipelines.CREATE) : s.id().equals("config.load")
                    ? Set.of(Pipelines.CREATE, Pipelines.PREFLIGHT, Pipelines.SPOT_MARKET) : both, s.pipelines(), s.id());
            assertFalse(s.description().isBlank(), s.id());
            assertFalse(s.mutatesAws(), s.id() + ": the config steps write files, never AWS (issue #28: declared, not guessed from the order)");
        }
    }
}
