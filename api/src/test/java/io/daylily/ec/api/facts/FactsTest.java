package io.daylily.ec.api.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.daylily.ec.api.Json;
import org.junit.jupiter.api.Test;

class FactsTest {
    @Test
    void aNetworkNeedsBothSubnetsButMayNotKnowItsVpc() {
        assertEquals("", new Network("", "subnet-1", "subnet-2").vpcId());
        assertThrows(IllegalArgumentException.class, () -> new Network("vpc-1", "", "subnet-2"));
        assertThrows(IllegalArgumentException.class, () -> new Network("vpc-1", "subnet-1", " "));
        assertThrows(IllegalArgumentException.class, () -> new Network("vpc-1", null, "subnet-2"));
        assertThrows(NullPointerException.class, () -> new Network(null, "subnet-1", "subnet-2"));
    }

    @Test
    void theBucketKnowsItsUrlAndRefusesNoName() {
        assertEquals("s3://lab-omics-analysis-us-west-2", new ReferenceBucket("lab-omics-analysis-us-west-2").url());
        assertThrows(IllegalArgumentException.class, () -> new ReferenceBucket(""));
        assertThrows(IllegalArgumentException.class, () -> new ReferenceBucket(null));
    }

    @Test
    void aKeyPairHasAName() {
        assertEquals("/h/.ssh/k.pem", new KeyPair("k", "/h/.ssh/k.pem").pemPath());
        assertThrows(IllegalArgumentException.class, () -> new KeyPair(" ", "/p"));
        assertThrows(NullPointerException.class, () -> new KeyPair("k", null));
    }

    @Test
    void theHeartbeatIsWantedWithAnEmailAndReadyWithARole() {
        assertFalse(new HeartbeatSettings("", "rate(1 hour)", "arn:r").wanted());
        assertFalse(new HeartbeatSettings(" ", "rate(1 hour)", "arn:r").wanted());
        assertFalse(new HeartbeatSettings("skip", "rate(1 hour)", "arn:r").wanted());
        assertFalse(new HeartbeatSettings("skip", "rate(1 hour)", "arn:r").ready());
        HeartbeatSettings noRole = new HeartbeatSettings("hb@example.com", "rate(1 hour)", "");
        assertTrue(noRole.wanted());
        assertFalse(noRole.ready(), "no scheduler role yet");
        assertFalse(noRole.withRole(" ").ready());
        HeartbeatSettings ready = noRole.withRole("arn:aws:iam::1:role/r");
        assertTrue(ready.ready());
        assertEquals("rate(1 hour)", ready.schedule());
        assertEquals("hb@example.com", ready.email());
        assertThrows(NullPointerException.class, () -> new HeartbeatSettings(null, "", ""));
    }

    @Test
    void theyTravelAsJsonWithTheirComponentsOnly() throws Exception {
        JsonNode n = Json.mapper().valueToTree(new HeartbeatSettings("hb@example.com", "rate(1 hour)", "arn:r"));
        assertEquals(3, n.size(), n.toString());
        assertEquals(new HeartbeatSettings("hb@example.com", "rate(1 hour)", "arn:r"),
                Json.mapper().treeToValue(n, HeartbeatSettings.class));
        JsonNode b = Json.mapper().valueToTree(new ReferenceBucket("b"));
        assertEquals(1, b.size(), b.toString());
        assertEquals(new Network("vpc-1", "subnet-1", "subnet-2"),
                Json.mapper().readValue(Json.mapper().writeValueAsString(new Network("vpc-1", "subnet-1", "subnet-2")), Network.class));
    }
}
