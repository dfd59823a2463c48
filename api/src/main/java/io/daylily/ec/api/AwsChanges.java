package io.daylily.ec.api;

import java.util.ArrayList;
import java.util.List;

/**
 * What this run created or changed in AWS, in the order it happened, each named the way a user would
 * look for it (e.g. {@code "network stack pcluster-vpc-stack-us-west-2b (created)"}). A step adds an
 * entry after the change succeeded; a reused resource is not a change. The final message of a run
 * that stops early ({@code DAY_BREAK=1}) names these, and says "nothing was created" only when the
 * list is empty.
 *
 * @param items the changes, oldest first
 */
public record AwsChanges(List<String> items) {
    public AwsChanges {
        items = List.copyOf(items);
    }

    public static AwsChanges none() {
        return new AwsChanges(List.of());
    }

    /** The changes of {@code ctx} (none when no step recorded one). */
    public static AwsChanges of(RunContext ctx) {
        return ctx.get(ContextKeys.AWS_CHANGES).orElse(none());
    }

    /** {@code ctx} with {@code change} added to its changes. */
    public static RunContext record(RunContext ctx, String change) {
        List<String> all = new ArrayList<>(of(ctx).items());
        all.add(change);
        return ctx.with(ContextKeys.AWS_CHANGES, new AwsChanges(all));
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }
}
