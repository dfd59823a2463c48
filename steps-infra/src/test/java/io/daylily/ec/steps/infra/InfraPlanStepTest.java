package io.daylily.ec.steps.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.testing.TestServices;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/** Issue #20: the plan's network entry says what the create's network step would say of the same stack. */
class InfraPlanStepTest {
    @TempDir
    Path dir;

    @Test
    void itIsThePlanPipelineOnlyAndReadOnly() {
        InfraPlanStep p = new InfraPlanStep();
        assertEquals("infra.plan", p.id());
        assertEquals(Set.of(Pipelines.PLAN), p.pipelines());
        assertFalse(p.mutatesAws());
    }

    @Test
    void aStackTheCreateCannotReuseIsAFailInTheCreatesOwnWords() {
        CloudFormationClient cfn = NetworkStackTest.scripted(new ArrayDeque<>(List.of(NetworkStackTest.stack("ROLLBACK_COMPLETE"))), List.of());
        TestServices s = TestServices.builder(dir).aws(CloudFormationClient.class, cfn).build();
        RunContext in = Ctx.base().with(ContextKeys.BASELINE_STACK_NEEDED, true);
        RunContext out = new InfraPlanStep().run(in, s);
        assertEquals(in, out, "nothing planned past a stop");
        assertEquals(1, s.events().checks().size(), s.events().checks().toString());
        CheckResult c = s.events().checks().get(0);
        assertEquals(CheckStatus.FAIL, c.status());
        assertEquals(NetworkStack.notReusable("pcluster-vpc-stack-2b", "us-west-2", "ROLLBACK_COMPLETE"), c.remediation());
        assertTrue(c.remediation().contains("delete-stack --stack-name pcluster-vpc-stack-2b --region us-west-2"), c.remediation());
        assertTrue(out.get(ContextKeys.PLAN).isEmpty());
    }
}
