package io.daylily.ec.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.DaylilyException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PARITY §29.4: AZ and region. */
class RegionsTest {
    @Test
    void regionFromAz() {
        assertEquals("us-west-2", Regions.regionOf("us-west-2b"));
        assertEquals("us-east-1", Regions.regionOf("us-east-1a"));
        assertEquals("eu-west-1", Regions.regionOf("eu-west-1c"));
    }

    @Test
    void badAzs() {
        assertTrue(assertThrows(DaylilyException.class, () -> Regions.regionOf("us-west-2")).getMessage().contains("expected a letter"));
        assertTrue(assertThrows(DaylilyException.class, () -> Regions.regionOf("")).getMessage().contains("must not be empty"));
        assertTrue(assertThrows(DaylilyException.class, () -> Regions.regionOf("a")).getMessage().contains("no region component"));
        assertEquals(1, assertThrows(DaylilyException.class, () -> Regions.regionOf("us-west-2")).exitCode().code());
    }

    @Test
    void regionWithoutAz() {
        assertEquals("eu-central-1", Regions.resolve(null, Map.of("AWS_DEFAULT_REGION", "eu-central-1")));
        assertEquals("ap-southeast-1", Regions.resolve(null, Map.of("AWS_REGION", "ap-southeast-1")));
        assertEquals("us-east-1", Regions.resolve(null, Map.of()));
        assertEquals("us-west-2", Regions.resolve("us-west-2b", Map.of("AWS_REGION", "ap-southeast-1")), "an AZ always wins");
    }
}
