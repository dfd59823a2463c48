package io.daylily.ec.steps.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** PARITY §29.4 (project rule, DECISIONS #4). */
class CallerArnTest {
    @Test
    void userNames() {
        assertEquals("alice", CallerArn.userName("arn:aws:iam::123456789012:user/alice"));
        assertEquals("alice", CallerArn.userName("arn:aws:iam::123456789012:user/team/alice"));
        assertEquals("session-name", CallerArn.userName("arn:aws:sts::123456789012:assumed-role/MyRole/session-name"));
        assertEquals("root", CallerArn.userName("arn:aws:iam::123456789012:root"));
        assertEquals("bob", CallerArn.userName("arn:aws:sts::123456789012:federated-user/bob"));
        assertEquals("sess", CallerArn.userName("arn:aws:sts::987654321098:assumed-role/AdminRole/sess"));
        assertEquals("", CallerArn.userName(null));
    }

    @Test
    void roles() {
        assertEquals("AdminRole", CallerArn.assumedRoleName("arn:aws:sts::987654321098:assumed-role/AdminRole/sess"));
        assertNull(CallerArn.assumedRoleName("arn:aws:iam::1:user/alice"));
        assertTrue(CallerArn.isRoot("arn:aws:iam::123456789012:root"));
        assertFalse(CallerArn.isRoot("arn:aws:iam::123456789012:user/root"));
    }
}
