package io.daylily.ec.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    void theRegionMustBeOneTheSdkKnowsAndTheZoneLetterLowerCase() {
        for (String az : new String[] {"xx-east-9z", "us-west-9b", "us-weest-2b", "../../etc/b", "us-west-2\nb", "US-WEST-2B",
                "us-west-2B", "us-west-2-b", "us-west-b"}) {
            DaylilyException e = assertThrows(DaylilyException.class, () -> Regions.regionOf(az), az);
            assertEquals(1, e.exitCode().code(), az);
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
        assertTrue(assertThrows(DaylilyException.class, () -> Regions.regionOf("US-WEST-2B")).getMessage().contains("lower case"));
        assertTrue(assertThrows(DaylilyException.class, () -> Regions.regionOf("xx-east-9z")).getMessage()
                .contains("'xx-east-9' is not an AWS region"));
        assertEquals("ap-southeast-2", Regions.regionOf("ap-southeast-2a"));
        assertEquals("us-gov-west-1", Regions.regionOf("us-gov-west-1a"));
        assertEquals("eu-central-2", Regions.regionOf("eu-central-2z"), "any lower-case zone letter");
        assertTrue(Regions.sdkRegions().containsAll(java.util.Set.of("us-east-1", "us-west-2", "eu-west-1")));
        assertFalse(Regions.sdkRegions().contains("aws-global"), "pseudo-regions are not regions");
    }

    @Test
    void anEndpointOverrideMayNameARegionTheSdkDoesNotKnow() {
        Map<String, String> emulator = Map.of("AWS_ENDPOINT_URL", "https://ec2.xx-east-9.example.test:4566");
        assertEquals("xx-east-9", Regions.regionOf("xx-east-9a", emulator));
        assertThrows(DaylilyException.class, () -> Regions.regionOf("xx-east-9a", Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4566")));
        assertThrows(DaylilyException.class, () -> Regions.regionOf("xx-east-9a", Map.of("AWS_ENDPOINT_URL", "not a url")));
        assertThrows(DaylilyException.class, () -> Regions.regionOf("xx-east-9a", Map.of("AWS_ENDPOINT_URL", "https://ec2.axx-east-9.example")),
                "the region must be one of the host's labels, not part of one");
        assertEquals("xx-east-9", Regions.checkRegion("xx-east-9", emulator));
        assertEquals("us-west-2", Regions.checkRegion("us-west-2", Map.of()));
        assertTrue(assertThrows(DaylilyException.class, () -> Regions.checkRegion("bogus", Map.of())).getMessage()
                .contains("--region 'bogus' is not an AWS region"));
        assertTrue(assertThrows(DaylilyException.class, () -> Regions.checkRegion("US-WEST-2", Map.of())).getMessage()
                .contains("use lower case: us-west-2"));
        assertThrows(DaylilyException.class, () -> Regions.checkRegion(" ", Map.of()));
    }
}
