package io.daylily.ec.api;

import java.util.Set;
import java.util.TreeSet;

/** Names of the pipelines ({@link Step#pipelines()}): a command runs the steps that name it. */
public final class Pipelines {
    public static final String CREATE = "create";
    public static final String PREFLIGHT = "preflight";
    /** {@code daylily-ec infra ensure-network}: identity, network inspection, the baseline stack. */
    public static final String INFRA_NETWORK = "infra-network";
    /** {@code daylily-ec infra bootstrap-account}: the global Daylily policy, the group, the user's membership. */
    public static final String BOOTSTRAP_ACCOUNT = "bootstrap-account";
    /** {@code daylily-ec infra bootstrap-region}: the regional Daylily policy (and the Lambda role-adjust policy). */
    public static final String BOOTSTRAP_REGION = "bootstrap-region";
    /** {@code daylily-ec drift --state-file F}: compare a state record with AWS, read-only. */
    public static final String DRIFT = "drift";
    /** {@code daylily-ec delete}: tear down a cluster (and its heartbeat). */
    public static final String DELETE = "delete";

    /**
     * {@code daylily-ec plan} (and {@code create --plan}): the preflight pipeline's steps, the steps that name
     * this pipeline (the render and the spot prices), and every {@link ResourceStep} of {@code create}, whose
     * inspect and describe say what the create would do (issues #20, #28). Nothing is written to AWS (the
     * runtime refuses every write for the whole run) and no state record is kept.
     */
    public static final String PLAN = "plan";

    /**
     * {@code daylily-ec spot-market --region R}: the config, then every AZ of the region with each queue's
     * spot price (as a create would set it) and placement score, best AZ first (issue #20). Read-only, like a plan.
     */
    public static final String SPOT_MARKET = "spot-market";

    /** Whether {@code pipeline} writes nothing to AWS whatever its steps say of themselves (the runtime refuses every write). */
    public static boolean readOnly(String pipeline) {
        return PLAN.equals(pipeline) || SPOT_MARKET.equals(pipeline);
    }

    /** Whether {@code step} runs in {@code pipeline}: it names it, or it is a preflight or create resource step of a plan. */
    public static boolean includes(Step step, String pipeline) {
        Set<String> named = step.pipelines();
        return named.contains(pipeline) || PLAN.equals(pipeline)
                && (named.contains(PREFLIGHT) || step instanceof ResourceStep<?> && named.contains(CREATE));
    }

    /** Every pipeline {@code step} runs in, {@code plan} included when it comes with the preflight or a resource step; sorted. */
    public static Set<String> of(Step step) {
        Set<String> all = new TreeSet<>(step.pipelines());
        if (includes(step, PLAN)) {
            all.add(PLAN);
        }
        return java.util.Collections.unmodifiableSet(all);
    }

    private Pipelines() {
    }
}
