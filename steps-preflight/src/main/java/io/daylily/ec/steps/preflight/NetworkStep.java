package io.daylily.ec.steps.preflight;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.IamPolicies;
import io.daylily.ec.api.Lookups;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.config.AutoSelect;
import io.daylily.ec.api.config.ConfigSnapshot;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.facts.Network;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.support.AwsErrors;
import io.daylily.ec.support.config.ConfigKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * {@code preflight.network} (PARITY §10.1, §11; DECISIONS #9, #10): subnets in the AZ whose
 * {@code Name} tag contains "Public Subnet" / "Private Subnet". Both kinds missing: PASS, the
 * baseline stack will be created by infra. Exactly one missing: FAIL. Otherwise each kind and the
 * {@code pclusterTagsAndBudget} policy ARN are selected (set value, single candidate, menu) and
 * recorded in the context.
 */
public final class NetworkStep implements Step {
    static final String PUBLIC = "Public Subnet";
    static final String PRIVATE = "Private Subnet";

    @Override
    public String id() {
        return "preflight.network";
    }

    @Override
    public int order() {
        return Order.PREFLIGHT + 70;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE, Pipelines.PREFLIGHT, Pipelines.INFRA_NETWORK);
    }

    @Override
    public String description() {
        return "public/private subnets in the AZ and the pclusterTagsAndBudget policy";
    }

    /** Stack name: {@code pcluster-vpc-stack-} + the third dash field of the AZ (PARITY §10.2). */
    public static String stackName(String az) {
        return io.daylily.ec.api.BaselineStack.stackName(az);
    }

    /** Every (public, private) pair of subnets in one VPC, in id order. */
    static List<String[]> pairs(List<String> pub, List<String> priv, Map<String, Subnet> byId) {
        List<String[]> out = new ArrayList<>();
        for (String a : pub) {
            for (String b : priv) {
                if (sameVpc(byId.get(a), byId.get(b))) {
                    out.add(new String[] {a, b});
                }
            }
        }
        return out;
    }

    /** Both in one VPC (a subnet without a VPC id, as a test double may have, matches only another without). */
    static boolean sameVpc(Subnet a, Subnet b) {
        return java.util.Objects.equals(a.vpcId(), b.vpcId());
    }

    /** A menu line's half: the subnet id and its Name tag. */
    static String describe(Subnet sn) {
        String name = sn.tags().stream().filter(t -> "Name".equals(t.key())).map(Tag::value).findFirst().orElse("");
        return sn.subnetId() + (name.isEmpty() ? "" : " (" + name + ")");
    }

    /** Subnet ids whose Name tag contains {@code marker}, sorted. */
    static List<String> matching(List<Subnet> subnets, String marker) {
        List<String> out = new ArrayList<>();
        for (Subnet sn : subnets) {
            for (Tag t : sn.tags()) {
                if ("Name".equals(t.key()) && t.value() != null && t.value().contains(marker)) {
                    out.add(sn.subnetId());
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** The subnets of {@code az}, every page. Before infra runs: the infra steps read the network they create themselves. */
    static Lookups.Key<List<Subnet>> key(String az) {
        return new Lookups.Key<>("ec2:DescribeSubnets:" + az);
    }

    private static Supplier<List<Subnet>> fetch(RunContext ctx, StepServices s) {
        Ec2Client ec2 = s.aws().get(Ec2Client.class, ctx);
        String az = ctx.require(ContextKeys.REGION_AZ);
        return () -> {
            // the SDK's paginator follows NextToken
            return new ArrayList<>(ec2.describeSubnetsPaginator(DescribeSubnetsRequest.builder()
                    .filters(Filter.builder().name("availability-zone").values(az).build()).build()).subnets().stream().toList());
        };
    }

    /** Starts this gate's lookup in the background (the runtime calls it ahead: {@link io.daylily.ec.api.Step#startReads}). */
    @Override
    public void startReads(RunContext ctx, StepServices s) {
        s.lookups().start(key(ctx.require(ContextKeys.REGION_AZ)), fetch(ctx, s));
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        String az = ctx.require(ContextKeys.REGION_AZ);
        List<Subnet> subnets;
        try {
            subnets = s.lookups().get(key(az), fetch(ctx, s));
        } catch (SdkException e) {
            s.events().check(CheckResult.fail("network.subnets", Map.of("az", az), AwsErrors.describe(e,
                    "ec2:DescribeSubnets in " + az, "ec2:DescribeSubnets")).withAwsError(AwsErrors.kind(e).detail()));
            return ctx;
        }
        List<String> pub = matching(subnets, PUBLIC);
        List<String> priv = matching(subnets, PRIVATE);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("az", az);
        d.put("public_candidates", pub);
        d.put("private_candidates", priv);
        d.put("stack_name", stackName(az));
        IamPolicies policies = ctx.get(ContextKeys.IAM_POLICIES).orElse(new IamPolicies(List.of(), ""));
        if (pub.isEmpty() && priv.isEmpty()) {
            d.put("action", "create_baseline_stack");
            s.events().check(CheckResult.pass("network.subnets", d));
            return ctx.with(ContextKeys.BASELINE_STACK_NEEDED, true);
        }
        if (pub.isEmpty() || priv.isEmpty()) {
            s.events().check(CheckResult.fail("network.subnets", d, "Incomplete setup in " + az + ": found "
                    + (pub.isEmpty() ? "private but no public" : "public but no private") + " subnet (Name tags containing '"
                    + PUBLIC + "' / '" + PRIVATE + "'). Tag the missing subnet, or delete the partial network so the"
                    + " baseline stack " + stackName(az) + " can be created"));
            return ctx;
        }
        ConfigSnapshot cfg = ctx.get(ContextKeys.CONFIG).orElse(new ConfigSnapshot("", List.of(), List.of()));
        boolean off = AutoSelect.disabled(s.env());
        Map<String, Subnet> byId = new LinkedHashMap<>();
        subnets.forEach(sn -> byId.put(sn.subnetId(), sn));
        Optional<String> setPub = cfg.autoValue(ConfigKeys.PUBLIC_SUBNET_ID, off);
        Optional<String> setPriv = cfg.autoValue(ConfigKeys.PRIVATE_SUBNET_ID, off);
        Selection.Choice p;
        Selection.Choice q;
        boolean menu = setPub.isEmpty() && setPriv.isEmpty() && s.prompter().interactive()
                && (off || pub.size() > 1 || priv.size() > 1);
        if (menu) {
            // one menu of public/private pairs within one VPC, each line naming the subnets, their Name tags and the VPC
            List<String[]> pairs = pairs(pub, priv, byId);
            if (pairs.isEmpty()) {
                s.events().check(CheckResult.fail("network.subnets", d, "no public and private subnet in " + az
                        + " share a VPC; a cluster needs both in one VPC. Tag a pair in one VPC, or set public_subnet_id and"
                        + " private_subnet_id in the config"));
                return ctx;
            }
            List<String> lines = pairs.stream().map(pair -> describe(byId.get(pair[0])) + "  +  " + describe(byId.get(pair[1]))
                    + "  in " + byId.get(pair[0]).vpcId()).toList();
            String picked = io.daylily.ec.api.Prompts.choose(s.prompter(), ConfigKeys.PUBLIC_SUBNET_ID.name(),
                    "Select the public (head node) and private (compute) subnets, one pair per VPC:", lines, 0);
            String[] pair = pairs.get(lines.indexOf(picked));
            p = new Selection.Choice(Optional.of(pair[0]), "prompt");
            q = new Selection.Choice(Optional.of(pair[1]), "prompt");
        } else {
            p = Selection.choose(pub, setPub, off, null, s.prompter(), ConfigKeys.PUBLIC_SUBNET_ID.name(), "Select a public subnet:");
            q = Selection.choose(priv, setPriv, off, null, s.prompter(), ConfigKeys.PRIVATE_SUBNET_ID.name(), "Select a private subnet:");
        }
        Selection.Choice pol = Selection.choose(policies.tagsAndBudgetArns(), cfg.autoValue(ConfigKeys.IAM_POLICY_ARN, off), off,
                null, s.prompter(), ConfigKeys.IAM_POLICY_ARN.name(), "Select the pclusterTagsAndBudget policy:");
        if (p.how().equals(Selection.PINNED_NOT_CANDIDATE) || q.how().equals(Selection.PINNED_NOT_CANDIDATE)) {
            boolean pubWrong = p.how().equals(Selection.PINNED_NOT_CANDIDATE);
            String key = (pubWrong ? ConfigKeys.PUBLIC_SUBNET_ID : ConfigKeys.PRIVATE_SUBNET_ID).name();
            String value = (pubWrong ? setPub : setPriv).orElse("");
            d.put("configured", value);
            s.events().check(CheckResult.fail("network.subnets", d, Selection.pinnedRefusal(key, value,
                    "is not a subnet in " + az + " whose Name tag contains '" + (pubWrong ? PUBLIC : PRIVATE) + "'",
                    pubWrong ? pub : priv)));
        } else if (p.value().isEmpty() || q.value().isEmpty()) {
            s.events().check(CheckResult.fail("network.subnets", d, "several subnets match in " + az
                    + "; set public_subnet_id and private_subnet_id in the config"));
        } else if (!sameVpc(byId.get(p.value().get()), byId.get(q.value().get()))) {
            d.put("public_vpc", byId.get(p.value().get()).vpcId());
            d.put("private_vpc", byId.get(q.value().get()).vpcId());
            s.events().check(CheckResult.fail("network.subnets", d, "the public subnet " + p.value().get() + " (in "
                    + byId.get(p.value().get()).vpcId() + ") and the private subnet " + q.value().get() + " (in "
                    + byId.get(q.value().get()).vpcId() + ") are in different VPCs; a cluster needs both in one VPC."
                    + " Set public_subnet_id and private_subnet_id in the config to a pair of one VPC"));
        } else {
            d.put("public_subnet_id", p.value().get());
            d.put("private_subnet_id", q.value().get());
            s.events().check(CheckResult.pass("network.subnets", d));
            ctx = ctx.with(ContextKeys.NETWORK, new Network(java.util.Objects.toString(byId.get(p.value().get()).vpcId(), ""),
                    p.value().get(), q.value().get()));
        }
        if (!ctx.contains(ContextKeys.IAM_POLICIES)) {
            // The policies were not listed in this pipeline (infra ensure-network): nothing to select.
            return ctx.with(ContextKeys.BASELINE_STACK_NEEDED, false);
        }
        Map<String, Object> pd = new LinkedHashMap<>();
        pd.put("candidates", policies.tagsAndBudgetArns());
        if (pol.value().isPresent()) {
            pd.put("selected", pol.value().get());
            s.events().check(CheckResult.pass("iam.tags_budget_policy", pd));
            ctx = ctx.with(ContextKeys.CLUSTER_POLICY, new io.daylily.ec.api.facts.ClusterPolicy(pol.value().get()));
        } else if (pol.how().equals(Selection.PINNED_NOT_CANDIDATE)) {
            String value = cfg.autoValue(ConfigKeys.IAM_POLICY_ARN, off).orElse("");
            pd.put("configured", value);
            s.events().check(CheckResult.fail("iam.tags_budget_policy", pd, Selection.pinnedRefusal(ConfigKeys.IAM_POLICY_ARN.name(), value,
                    "is not a policy named " + IamPolicies.TAGS_AND_BUDGET + " in this account", policies.tagsAndBudgetArns())));
        } else if (policies.tagsAndBudgetArns().isEmpty()) {
            s.events().check(CheckResult.fail("iam.tags_budget_policy", pd, "no IAM policy named "
                    + IamPolicies.TAGS_AND_BUDGET + " exists, but the network already does; create it (the baseline"
                    + " stack template with CreatePolicy=true) or set iam_policy_arn in the config"));
        } else {
            s.events().check(CheckResult.fail("iam.tags_budget_policy", pd, "several " + IamPolicies.TAGS_AND_BUDGET
                    + " policies exist; set iam_policy_arn in the config"));
        }
        return ctx.with(ContextKeys.BASELINE_STACK_NEEDED, false);
    }
}
