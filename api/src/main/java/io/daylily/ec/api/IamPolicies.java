package io.daylily.ec.api;

import java.util.List;

/**
 * What preflight learned about the account's customer-managed policies, so later steps need not
 * list them again.
 *
 * @param tagsAndBudgetArns every ARN of a policy named {@code pclusterTagsAndBudget}
 * @param omicsAnalysisArn  the ARN of {@code pcluster-omics-analysis}, or empty when it does not exist yet
 */
public record IamPolicies(List<String> tagsAndBudgetArns, String omicsAnalysisArn) {
    public static final String TAGS_AND_BUDGET = "pclusterTagsAndBudget";
    public static final String OMICS_ANALYSIS = "pcluster-omics-analysis";

    public IamPolicies {
        tagsAndBudgetArns = List.copyOf(tagsAndBudgetArns);
        omicsAnalysisArn = omicsAnalysisArn == null ? "" : omicsAnalysisArn;
    }
}
