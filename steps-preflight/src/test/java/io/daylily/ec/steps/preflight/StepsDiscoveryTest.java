package io.daylily.ec.steps.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The module's steps are discoverable and ordered as the brief says, each in the pipelines it belongs to. */
class StepsDiscoveryTest {
    private static List<Step> steps() {
        return ServiceLoader.load(Step.class).stream().map(ServiceLoader.Provider::get)
                .filter(s -> s.id().startsWith("preflight.")).sorted(java.util.Comparator.comparingInt(Step::order)).toList();
    }

    @Test
    void serviceLoaderFindsTheGatesAndTheVersionCheckInOrder() {
        List<Step> steps = steps();
        assertEquals(List.of("preflight.toolchain", "preflight.pcluster_version", "preflight.identity", "preflight.iam", "preflight.quotas",
                "preflight.s3_select", "preflight.s3_verify", "preflight.keypair", "preflight.network",
                "preflight.instance_types"), steps.stream().map(Step::id).toList());
        steps.forEach(s -> assertFalse(s.mutatesAws(), s.id() + " must be read-only"));
        steps.forEach(s -> assertFalse(s.description().isBlank(), s.id() + " describes itself for `daylily-ec steps`"));
    }

    @Test
    void eachGateHasItsDocumentedOrderAndPipelines() {
        Set<String> gate = Set.of(Pipelines.CREATE, Pipelines.PREFLIGHT);
        Map<String, Integer> order = new LinkedHashMap<>();
        Map<String, Set<String>> pipelines = new LinkedHashMap<>();
        for (Step s : steps()) {
            order.put(s.id(), s.order());
            pipelines.put(s.id(), s.pipelines());
        }
        assertEquals(Map.ofEntries(Map.entry("preflight.toolchain", Order.PREFLIGHT),
                Map.entry("preflight.pcluster_version", Order.PREFLIGHT + 7)), Map.of("preflight.toolchain", order.remove("preflight.toolchain"),
                "preflight.pcluster_version", order.remove("preflight.pcluster_version")));
        // the runtime starts the later steps' reads between the toolchain gate and the version check (issue #28)
        assertEquals(true, Order.PREFLIGHT < Order.READS && Order.READS < Order.PREFLIGHT + 7);
        assertEquals(Map.of(
                "preflight.identity", Order.PREFLIGHT + 10, "preflight.iam", Order.PREFLIGHT + 20,
                "preflight.quotas", Order.PREFLIGHT + 30, "preflight.s3_select", Order.PREFLIGHT + 40,
                "preflight.s3_verify", Order.PREFLIGHT + 50, "preflight.keypair", Order.PREFLIGHT + 60,
                "preflight.network", Order.PREFLIGHT + 70, "preflight.instance_types", Order.PREFLIGHT + 80), order);
        for (String id : List.of("preflight.toolchain", "preflight.pcluster_version", "preflight.iam", "preflight.quotas",
                "preflight.s3_select", "preflight.s3_verify", "preflight.keypair", "preflight.instance_types")) {
            assertEquals(gate, pipelines.get(id), id);
        }
        assertEquals(Set.of(Pipelines.CREATE, Pipelines.PREFLIGHT, Pipelines.INFRA_NETWORK), pipelines.get("preflight.network"));
        assertEquals(true, pipelines.get("preflight.identity").containsAll(Set.of(Pipelines.CREATE, Pipelines.PREFLIGHT,
                Pipelines.INFRA_NETWORK, Pipelines.BOOTSTRAP_ACCOUNT)));
    }
}
