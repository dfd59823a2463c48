package io.daylily.ec.api;

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
     * {@code daylily-ec plan} (and {@code create --plan}): the preflight pipeline's steps, then the steps
     * that name this pipeline, each saying read-only what a create would do (issue #20). Nothing is written
     * to AWS (the runtime refuses every write for the whole run) and no state record is kept.
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

    private Pipelines() {
    }
}
