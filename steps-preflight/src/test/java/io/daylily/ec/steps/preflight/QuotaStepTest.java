package io.daylily.ec.steps.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.testing.ScriptedPrompter;
import io.daylily.ec.api.testing.TestServices;
import io.daylily.ec.support.config.ConfigKeys;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.GetServiceQuotaRequest;
import software.amazon.awssdk.services.servicequotas.model.GetServiceQuotaResponse;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuota;

/** PARITY §29.6. */
class QuotaStepTest {
    @TempDir
    Path dir;

    static ServiceQuotasClient quotas(Map<String, Double> byCode, double otherwise) {
        ServiceQuotasClient sq = mock(ServiceQuotasClient.class);
        when(sq.getServiceQuota(any(GetServiceQuotaRequest.class))).thenAnswer(inv -> {
            GetServiceQuotaRequest r = inv.getArgument(0);
            Double v = byCode.getOrDefault(r.quotaCode(), otherwise);
            if (v == null || v.isNaN()) {
                throw IdentityAndIamTest.denied("AccessDeniedException");
            }
            return GetServiceQuotaResponse.builder().quota(ServiceQuota.builder().value(v).build()).build();
        });
        return sq;
    }

    private List<CheckResult> run(ServiceQuotasClient sq, ScriptedPrompter p, String m8, String m128, String m192) {
        TestServices s = TestServices.builder(dir).aws(ServiceQuotasClient.class, sq).prompter(p).build();
        RunContext ctx = Ctx.base().with(ContextKeys.VALUES, ConfigValues.empty().with(ConfigKeys.MAX_COUNT_8I, m8)
                .with(ConfigKeys.MAX_COUNT_128I, m128).with(ConfigKeys.MAX_COUNT_192I, m192));
        new QuotaStep().run(ctx, s);
        assertEquals(1, s.aws().targets().size(), "one Service Quotas client per run");
        return s.events().checks();
    }

    @Test
    void demandFormula() {
        assertEquals(328, QuotaStep.demand(1, 1, 1));
        assertEquals(0, QuotaStep.demand(0, 0, 0));
        assertEquals(80, QuotaStep.demand(10, 0, 0));
        assertEquals(384, QuotaStep.demand(0, 3, 0));
        assertEquals(384, QuotaStep.demand(0, 0, 2));
        assertEquals(336, QuotaStep.demand(2, 1, 1));
        assertEquals(1296, QuotaStep.demand(10, 5, 3));
    }

    @Test
    void sixQuotasInFixedOrder() {
        assertEquals(List.of("L-1216C47A", "L-34B43A08", "L-F678F1CE", "L-0263D0A3", "L-FE5A380F", "L-A4707A72"),
                QuotaStep.QUOTAS.stream().map(QuotaStep.Quota::code).toList());
        assertEquals(List.of(20, 192, 5, 5, 5, 5), QuotaStep.QUOTAS.stream().map(QuotaStep.Quota::minimum).toList());
        List<CheckResult> checks = run(quotas(Map.of(), 999), ScriptedPrompter.nonInteractive(), "1", "1", "1");
        assertEquals(QuotaStep.QUOTAS.stream().map(QuotaStep.Quota::id).toList(), checks.stream().map(CheckResult::id).toList());
        assertTrue(checks.stream().allMatch(c -> c.status() == CheckStatus.PASS && c.id().startsWith("quota.")));
    }

    @Test
    void belowMinimumWarns() {
        List<CheckResult> checks = run(quotas(Map.of("L-1216C47A", 5.0), 999), ScriptedPrompter.nonInteractive(), "1", "1", "1");
        assertEquals(CheckStatus.WARN, checks.get(0).status());
        assertTrue(checks.get(0).remediation().contains("below"));
    }

    @Test
    void unreadableQuotaWarnsWithNullValue() {
        List<CheckResult> checks = run(quotas(Map.of("L-F678F1CE", Double.NaN), 999), ScriptedPrompter.nonInteractive(), "1", "1", "1");
        assertEquals(CheckStatus.WARN, checks.get(2).status());
        assertNull(checks.get(2).details().get("current_value"));
        assertEquals("API call failed", checks.get(2).details().get("note"));
        assertEquals("access_denied", checks.get(2).details().get("aws_error"));
        assertTrue(checks.get(2).remediation().startsWith("Unable to retrieve quota L-F678F1CE for "), checks.get(2).remediation());
        assertTrue(checks.get(2).remediation().contains("servicequotas:GetServiceQuota (vpc L-F678F1CE) was denied (AccessDeniedException"),
                checks.get(2).remediation());
        List<CheckResult> all = run(quotas(Map.of(), Double.NaN), ScriptedPrompter.nonInteractive(), "1", "1", "1");
        assertTrue(all.stream().allMatch(c -> c.status() == CheckStatus.WARN));
    }

    @Test
    void anUnreadableQuotaSaysWhyNotAlwaysPermissions() {
        ServiceQuotasClient sq = mock(ServiceQuotasClient.class);
        when(sq.getServiceQuota(any(GetServiceQuotaRequest.class))).thenThrow(software.amazon.awssdk.services.servicequotas.model
                .ServiceQuotasException.builder().statusCode(400).awsErrorDetails(software.amazon.awssdk.awscore.exception
                        .AwsErrorDetails.builder().errorCode("TooManyRequestsException").errorMessage("Rate exceeded").build()).build());
        List<CheckResult> checks = run(sq, ScriptedPrompter.nonInteractive(), "1", "1", "1");
        assertEquals(6, checks.size());
        for (CheckResult c : checks) {
            assertEquals(CheckStatus.WARN, c.status());
            assertEquals("throttled", c.details().get("aws_error"));
            assertTrue(c.remediation().contains("was throttled by AWS, still after the retries"), c.remediation());
            assertFalse(c.remediation().contains("permission"), "a throttled read is not blamed on permissions: " + c.remediation());
        }
        ServiceQuota noValue = ServiceQuota.builder().build();
        assertEquals(new QuotaStep.Read(null, null, "AWS returned no value for it"), QuotaStep.lookup(mockAnswering(noValue),
                QuotaStep.QUOTAS.get(0)));
    }

    private static ServiceQuotasClient mockAnswering(ServiceQuota q) {
        ServiceQuotasClient sq = mock(ServiceQuotasClient.class);
        when(sq.getServiceQuota(any(GetServiceQuotaRequest.class))).thenReturn(GetServiceQuotaResponse.builder().quota(q).build());
        return sq;
    }

    @Test
    void spotDemandAtOrAboveQuota() {
        List<CheckResult> ni = run(quotas(Map.of("L-34B43A08", 200.0), 999), ScriptedPrompter.nonInteractive(), "10", "5", "3");
        assertEquals(CheckStatus.FAIL, ni.get(1).status());
        assertEquals(1296L, ni.get(1).details().get("tot_vcpu_demand"));
        assertTrue(ni.get(1).remediation().contains("1296"));

        ScriptedPrompter asked = ScriptedPrompter.answering();
        List<CheckResult> it = run(quotas(Map.of("L-34B43A08", 200.0), 999), asked, "10", "5", "3");
        assertEquals(CheckStatus.WARN, it.get(1).status());
        assertEquals(List.of(), asked.questions(), "the runtime's gate asks, not the step");
        io.daylily.ec.api.event.Question q = it.get(1).question().orElseThrow();
        assertTrue(q.text().endsWith("Press Enter to continue, anything else exits: "), q.text());
        assertTrue(q.proceeds(""), "Enter goes on");
        assertTrue(!q.proceeds("q"), "anything else stops");
        assertEquals("stopped at the spot vCPU quota (1296 requested, quota 200)", q.stopMessage());

        assertEquals(CheckStatus.FAIL, run(quotas(Map.of("L-34B43A08", 328.0), 999), ScriptedPrompter.nonInteractive(), "1", "1", "1")
                .get(1).status(), "328 >= 328");
        assertEquals(CheckStatus.PASS, run(quotas(Map.of("L-34B43A08", 329.0), 999), ScriptedPrompter.nonInteractive(), "1", "1", "1")
                .get(1).status());
    }

    @Test
    void sequentialSwitchGivesTheSameReport() {
        TestServices s = TestServices.builder(dir).aws(ServiceQuotasClient.class, quotas(Map.of("L-0263D0A3", 2.0), 999))
                .env("DAYLILY_SEQUENTIAL", "1").build();
        new QuotaStep().run(Ctx.base(), s);
        List<CheckResult> concurrent = run(quotas(Map.of("L-0263D0A3", 2.0), 999), ScriptedPrompter.nonInteractive(), "1", "1", "1");
        assertEquals(concurrent, s.events().checks());
    }

    @Test
    void eachQuotaPassesAtItsMinimumAndWarnsOneBelow() {
        for (QuotaStep.Quota q : QuotaStep.QUOTAS) {
            int i = QuotaStep.QUOTAS.indexOf(q);
            List<CheckResult> at = run(quotas(Map.of(q.code(), (double) q.minimum()), 999), ScriptedPrompter.nonInteractive(),
                    "1", "0", "0");
            assertEquals(CheckStatus.PASS, at.get(i).status(), q.id() + " at " + q.minimum());
            List<CheckResult> below = run(quotas(Map.of(q.code(), q.minimum() - 1.0), 999), ScriptedPrompter.nonInteractive(),
                    "1", "0", "0");
            assertEquals(CheckStatus.WARN, below.get(i).status(), q.id() + " at " + (q.minimum() - 1));
            assertEquals(q.code(), below.get(i).details().get("quota_code"));
        }
    }

    @Test
    void theSpotDemandOneBelowTheQuotaPassesAndAtTheQuotaStops() {
        // 8 vCPUs per max_count_8I: 25 instances are 200 vCPUs
        assertEquals(CheckStatus.PASS, run(quotas(Map.of("L-34B43A08", 201.0), 999), ScriptedPrompter.nonInteractive(), "25", "0", "0")
                .get(1).status(), "200 < 201");
        List<CheckResult> at = run(quotas(Map.of("L-34B43A08", 200.0), 999), ScriptedPrompter.nonInteractive(), "25", "0", "0");
        assertEquals(CheckStatus.FAIL, at.get(1).status(), "200 >= 200");
        assertEquals(200L, at.get(1).details().get("tot_vcpu_demand"));
        // an unset count counts as 1
        assertEquals(25L * 8 + 128, run(quotas(Map.of("L-34B43A08", 200.0), 999), ScriptedPrompter.nonInteractive(), "25", "", "0")
                .get(1).details().get("tot_vcpu_demand"));
    }
}
