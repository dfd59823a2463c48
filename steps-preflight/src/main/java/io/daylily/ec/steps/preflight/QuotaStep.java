package io.daylily.ec.steps.preflight;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Lookups;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.config.ConfigKey;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.support.AwsErrors;
import io.daylily.ec.support.config.ConfigKeys;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.event.Question;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.GetServiceQuotaRequest;

/**
 * {@code preflight.quotas} (PARITY §7, DECISIONS #5): six Service Quotas, looked up concurrently and
 * reported in a fixed order. Spot demand = 8×max_count_8I + 128×max_count_128I + 192×max_count_192I;
 * demand ≥ quota is a FAIL when non-interactive and a "press Enter to continue, anything else exits"
 * question otherwise. A quota below its minimum is a WARN; a quota that cannot be read is a WARN.
 */
public final class QuotaStep implements Step {
    /** One quota row. */
    record Quota(String id, String name, String service, String code, int minimum) {
    }

    static final List<Quota> QUOTAS = List.of(
            new Quota("quota.ondemand_vcpu", "On-Demand vCPU Max", "ec2", "L-1216C47A", 20),
            new Quota("quota.spot_vcpu", "Spot vCPU Max", "ec2", "L-34B43A08", 192),
            new Quota("quota.vpcs", "VPCs", "vpc", "L-F678F1CE", 5),
            new Quota("quota.elastic_ips", "Elastic IPs", "ec2", "L-0263D0A3", 5),
            new Quota("quota.nat_gateways", "NAT Gateways", "vpc", "L-FE5A380F", 5),
            new Quota("quota.internet_gateways", "Internet Gateways", "vpc", "L-A4707A72", 5));

    @Override
    public String id() {
        return "preflight.quotas";
    }

    @Override
    public int order() {
        return Order.PREFLIGHT + 30;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE, Pipelines.PREFLIGHT);
    }

    @Override
    public String description() {
        return "six service quotas (vCPUs, VPCs, EIPs, NAT and internet gateways) and the spot vCPU demand";
    }

    /** One quota as read: its value, or why it could not be read (the AWS error's kind and words). */
    record Read(Double value, String kind, String why) {
        static Read of(double value) {
            return new Read(value, null, null);
        }
    }

    /** The six quota reads of {@code region}, in {@link #QUOTAS} order. */
    static Lookups.Key<List<Read>> key(String region) {
        return new Lookups.Key<>("servicequotas:GetServiceQuota:" + region);
    }

    private static Supplier<List<Read>> fetch(RunContext ctx, StepServices s) {
        ServiceQuotasClient sq = s.aws().get(ServiceQuotasClient.class, ctx);
        return () -> Concurrent.map(QUOTAS, q -> lookup(sq, q), s.env());
    }

    /** Starts this gate's lookups in the background (the runtime calls it ahead: {@link io.daylily.ec.api.Step#startReads}). */
    @Override
    public void startReads(RunContext ctx, StepServices s) {
        s.lookups().start(key(ctx.require(ContextKeys.REGION)), fetch(ctx, s));
    }

    /** Spot vCPU demand (PARITY §7.2). */
    static long demand(long m8, long m128, long m192) {
        return m8 * 8 + m128 * 128 + m192 * 192;
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        ConfigValues v = ctx.get(ContextKeys.VALUES).orElse(ConfigValues.empty());
        long demand = demand(count(v, ConfigKeys.MAX_COUNT_8I), count(v, ConfigKeys.MAX_COUNT_128I), count(v, ConfigKeys.MAX_COUNT_192I));
        String region = ctx.require(ContextKeys.REGION);
        List<Read> reads = s.lookups().get(key(region), fetch(ctx, s));
        for (int i = 0; i < QUOTAS.size(); i++) {
            Quota q = QUOTAS.get(i);
            Read read = reads.get(i);
            Double value = read.value();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("quota_code", q.code());
            d.put("service_code", q.service());
            d.put("recommended_min", q.minimum());
            d.put("current_value", value);
            d.put("region", region);
            if (value == null) {
                // PARITY §7: a WARN with the note, whatever the cause; the words say which cause it was (issue #16)
                d.put("note", "API call failed");
                CheckResult w = CheckResult.warn(q.id(), d, "Unable to retrieve quota " + q.code() + " for "
                        + q.name() + ": " + read.why());
                s.events().check(read.kind() != null ? w.withAwsError(read.kind()) : w);
                continue;
            }
            if (q.id().equals("quota.spot_vcpu") && demand >= value) {
                d.put("tot_vcpu_demand", demand);
                spotGate(s, d, demand, value, region);
                continue;
            }
            if (value < q.minimum()) {
                s.events().check(CheckResult.warn(q.id(), d, q.name() + " quota (" + (long) Math.floor(value)
                        + ") is below recommended minimum (" + q.minimum() + ") in " + region
                        + ". Consider requesting an increase."));
            } else {
                s.events().check(CheckResult.pass(q.id(), d));
            }
        }
        return ctx;
    }

    private void spotGate(StepServices s, Map<String, Object> d, long demand, double quota, String region) {
        String remediation = "Requested spot vCPUs (" + demand + ") >= quota (" + (long) Math.floor(quota) + ") in "
                + region + ". Request a quota increase of at least " + demand + " or reduce max_count_*I values.";
        if (!s.prompter().interactive()) {
            s.events().check(CheckResult.fail("quota.spot_vcpu", d, remediation));
            return;
        }
        // the user decides: the runtime's gate asks (Enter goes on), even with --pass-on-warn, as the legacy script did
        s.events().check(CheckResult.warnAsking("quota.spot_vcpu", d, remediation, Question.enterContinues("quota.spot_vcpu",
                remediation + "\nPress Enter to continue, anything else exits: ", "stopped at the spot vCPU quota (" + demand
                        + " requested, quota " + (long) Math.floor(quota) + ")")));
    }

    static Read lookup(ServiceQuotasClient sq, Quota q) {
        try {
            Double v = sq.getServiceQuota(GetServiceQuotaRequest.builder().serviceCode(q.service()).quotaCode(q.code()).build())
                    .quota().value();
            return v == null || v.isNaN() ? new Read(null, null, "AWS returned no value for it") : Read.of(v);
        } catch (SdkException e) {
            return new Read(null, AwsErrors.kind(e).detail(), AwsErrors.describe(e, "servicequotas:GetServiceQuota ("
                    + q.service() + " " + q.code() + ")", "servicequotas:GetServiceQuota"));
        } catch (NullPointerException e) {
            return new Read(null, null, "AWS returned no value for it");
        }
    }

    private static long count(ConfigValues v, ConfigKey key) {
        String s = v.getOrEmpty(key);
        try {
            return s.isEmpty() ? 1 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
