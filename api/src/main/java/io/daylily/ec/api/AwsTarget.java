package io.daylily.ec.api;

import static java.util.Objects.requireNonNull;

/**
 * Which account view an AWS client works in.
 *
 * @param profile the named profile, or null for the SDK's default credential chain
 * @param region  the region id, e.g. {@code us-west-2}; never null
 */
public record AwsTarget(String profile, String region) {
    public AwsTarget {
        requireNonNull(region, "region is null");
    }

    /** The run's target: {@link ContextKeys#AWS_PROFILE} and {@link ContextKeys#REGION}. */
    public static AwsTarget of(RunContext context) {
        return new AwsTarget(context.get(ContextKeys.AWS_PROFILE).orElse(null), context.require(ContextKeys.REGION));
    }
}
