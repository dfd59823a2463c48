package io.daylily.ec.app.adapters;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClientWarmupTest {
    @Test
    void everyListedTypeIsARealSdkClientThatBuildsWithoutTheNetwork() {
        List<String> all = new ArrayList<>(ClientWarmup.PREFLIGHT);
        all.addAll(ClientWarmup.CREATE_EXTRA);
        for (String type : all) {
            assertTrue(ClientWarmup.warm(type), type + " should build offline with anonymous credentials");
        }
    }

    @Test
    void anUnknownOrNonClientTypeIsReportedNotThrown() {
        assertFalse(ClientWarmup.warm("software.amazon.awssdk.services.nosuch.NoSuchClient"));
        assertFalse(ClientWarmup.warm("java.lang.String"));
    }

    @Test
    void startReturnsAtOnceAndItsThreadsAreDaemons() throws Exception {
        ClientWarmup.start(List.of("java.lang.String", "software.amazon.awssdk.services.sts.StsClient"), 2);
        List<Thread> warmers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("aws-warmup-")).toList();
        for (Thread t : warmers) {
            assertTrue(t.isDaemon(), "a warm-up thread must never keep the JVM alive: " + t.getName());
            t.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(t.isAlive(), t.getName() + " finished");
        }
    }
}
