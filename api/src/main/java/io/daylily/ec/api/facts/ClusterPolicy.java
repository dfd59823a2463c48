package io.daylily.ec.api.facts;

/**
 * The {@code pclusterTagsAndBudget} policy the cluster's nodes get ({@code iam_policy_arn}; the render's
 * {@code REGSUB_S3_IAM_POLICY}): set in the config, chosen by the preflight among the account's, or the one the
 * baseline stack made (issue #28: one home — the config values are not rewritten with it).
 */
public record ClusterPolicy(String arn) {
    public ClusterPolicy {
        if (arn == null || arn.isBlank()) {
            throw new IllegalArgumentException("policy ARN is empty");
        }
    }
}
