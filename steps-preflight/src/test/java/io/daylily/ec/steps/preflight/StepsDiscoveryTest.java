package io.daylily.ec.steps.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.daylily.ec.api.Step;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The module's steps are discoverable and ordered as the brief says. */
class StepsDiscoveryTest {
    @Test
    void serviceLoaderFindsTheNineGatesAndThePrefetchInOrder() {
        List<Step> steps = ServiceLoader.load(Step.class).stream().map(ServiceLoader.Provider::get)
                .filter(s -> s.id().startsWith("preflight.")).sorted(java.util.Comparator.comparingInt(Step::order)).toList();
        assertEquals(List.of("preflight.toolchain", "preflight.prefetch", "preflight.identity", "preflight.iam", "preflight.quotas",
                "preflight.s3_select", "preflight.s3_verify", "preflight.keypair", "preflight.network",
                "preflight.instance_types"), steps.stream().map(Step::id).toList());
        steps.forEach(s -> assertFalse(s.mutatesAws(), s.id() + " must be read-only"));
    }
}
