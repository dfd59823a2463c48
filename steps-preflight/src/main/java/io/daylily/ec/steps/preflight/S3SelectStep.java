package io.daylily.ec.steps.preflight;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Lookups;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.config.AutoSelect;
import io.daylily.ec.api.config.ConfigSnapshot;
import io.daylily.ec.api.config.ConfigValues;
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
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.GetBucketLocationRequest;
import software.amazon.awssdk.services.s3.model.ListBucketsRequest;
import software.amazon.awssdk.services.s3.paginators.ListBucketsIterable;

/**
 * {@code preflight.s3_select} (PARITY §8.1–8.3): reference-bucket candidates are buckets whose name
 * contains {@code omics-analysis} in the run's region. One {@code ListBuckets} with
 * {@code bucketRegion}; where an endpoint does not report regions, the candidates' locations are
 * looked up concurrently ({@code GetBucketLocation}; empty means us-east-1).
 */
public final class S3SelectStep implements Step {
    static final String MARKER = "omics-analysis";

    @Override
    public String id() {
        return "preflight.s3_select";
    }

    @Override
    public int order() {
        return Order.PREFLIGHT + 40;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE, Pipelines.PREFLIGHT);
    }

    @Override
    public String description() {
        return "select the reference bucket (*omics-analysis* in the region)";
    }

    /** The location constraint as a region: empty/null → us-east-1, legacy {@code EU} → eu-west-1. */
    static String regionOf(String constraint) {
        if (constraint == null || constraint.isEmpty() || constraint.equals("null")) {
            return "us-east-1";
        }
        return constraint.equals("EU") ? "eu-west-1" : constraint;
    }

    /** Sorted candidate names in {@code region}; an empty list when the buckets cannot be listed. */
    static List<String> candidates(S3Client s3, String region, Map<String, String> env) {
        return lookup(s3, region, env).inRegion();
    }

    /** The candidates in the region, and the named buckets whose region could not be read (with the error). */
    record Lookup(List<String> inRegion, List<String> unresolved, String listError, String listErrorKind) {
    }

    static Lookup lookup(S3Client s3, String region, Map<String, String> env) {
        List<Bucket> named = new ArrayList<>();
        try {
            // the SDK's paginator follows ContinuationToken (the listing is paginated when the account has many buckets)
            new ListBucketsIterable(s3, ListBucketsRequest.builder().bucketRegion(region).build()).buckets().stream()
                    .filter(b -> b.name().contains(MARKER)).forEach(named::add);
        } catch (SdkException e) {
            return new Lookup(List.of(), List.of(), AwsErrors.describe(e, "s3:ListAllMyBuckets",
                    "s3:ListAllMyBuckets"), AwsErrors.kind(e).detail());
        }
        List<String> regions = Concurrent.map(named, b -> {
            if (b.bucketRegion() != null && !b.bucketRegion().isEmpty()) {
                return b.bucketRegion();
            }
            try {
                return regionOf(s3.getBucketLocation(GetBucketLocationRequest.builder().bucket(b.name()).build())
                        .locationConstraintAsString());
            } catch (SdkException e) {
                return "?" + AwsErrors.text(e);
            }
        }, env);
        List<String> out = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        for (int i = 0; i < named.size(); i++) {
            String r = regions.get(i);
            if (region.equals(r)) {
                out.add(named.get(i).name());
            } else if (r != null && r.startsWith("?")) {
                unresolved.add(named.get(i).name() + " (" + r.substring(1) + ")");
            }
        }
        out.sort(null);
        unresolved.sort(null);
        return new Lookup(out, unresolved, null, null);
    }

    /** The reference-bucket candidates of {@code region} (the listing and the region lookups it needs). */
    static Lookups.Key<Lookup> key(String region) {
        return new Lookups.Key<>("s3:ListBuckets+GetBucketLocation:" + MARKER + ":" + region);
    }

    static Supplier<Lookup> fetch(RunContext ctx, StepServices s) {
        S3Client s3 = s.aws().get(S3Client.class, ctx);
        String region = ctx.require(ContextKeys.REGION);
        return () -> lookup(s3, region, s.env());
    }

    /** Starts this gate's lookups in the background (the runtime calls it ahead: {@link io.daylily.ec.api.Step#startReads}). */
    @Override
    public void startReads(RunContext ctx, StepServices s) {
        s.lookups().start(key(ctx.require(ContextKeys.REGION)), fetch(ctx, s));
    }

    /**
     * The bucket this gate will choose from {@code found} without asking anyone, if any: what
     * {@link Selection#decided} picks from the same candidates, set value and default as {@link #run}.
     */
    static Optional<String> decided(RunContext ctx, StepServices s, Lookup found) {
        if (found.listError() != null) {
            return Optional.empty();
        }
        ConfigSnapshot cfg = ctx.require(ContextKeys.CONFIG);
        boolean off = AutoSelect.disabled(s.env());
        return Selection.decided(found.inRegion(), cfg.autoValue(ConfigKeys.S3_BUCKET_NAME, off), off,
                cfg.effectiveDefault(ConfigKeys.S3_BUCKET_NAME, "")).flatMap(Selection.Choice::value);
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        String region = ctx.require(ContextKeys.REGION);
        ConfigSnapshot cfg = ctx.require(ContextKeys.CONFIG);
        ConfigValues values = ctx.get(ContextKeys.VALUES).orElse(ConfigValues.empty());
        boolean off = AutoSelect.disabled(s.env());
        Lookup found = s.lookups().get(key(region), fetch(ctx, s));
        List<String> candidates = found.inRegion();
        Optional<String> set = cfg.autoValue(ConfigKeys.S3_BUCKET_NAME, off);
        Selection.Choice c = Selection.choose(candidates, set, off, cfg.effectiveDefault(ConfigKeys.S3_BUCKET_NAME, ""),
                s.prompter(), ConfigKeys.S3_BUCKET_NAME.name(), "Select an S3 reference bucket:");
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("region", region);
        d.put("candidates", candidates);
        if (!found.unresolved().isEmpty()) {
            d.put("region_unknown", found.unresolved());
        }
        if (found.listError() != null) {
            // the buckets could not be listed (so there are no candidates): not "no bucket found" (issue #16),
            // an AWS failure (exit 2)
            d.put("list_error", found.listError());
            s.events().check(CheckResult.fail("s3.bucket_select", d, "cannot choose the reference bucket in " + region
                    + ": " + found.listError()).withAwsError(found.listErrorKind()));
            return ctx;
        }
        if (c.how().equals(Selection.PINNED_NOT_CANDIDATE)) {
            d.put("configured", set.orElse(""));
            s.events().check(CheckResult.fail("s3.bucket_select", d, Selection.pinnedRefusal(ConfigKeys.S3_BUCKET_NAME.name(), set.orElse(""),
                    "is not an " + MARKER + " bucket in " + region, candidates)));
            return ctx;
        }
        if (c.value().isEmpty()) {
            String why = candidates.isEmpty()
                    ? "No S3 buckets matching '" + MARKER + "' found in region " + region
                            + (found.unresolved().isEmpty() ? "" : " (region unknown for: "
                                    + String.join(", ", found.unresolved()) + ")")
                            + "; create or replicate the reference bucket there, or pick another --region-az"
                    : "Multiple S3 buckets found and none could be auto-selected"
                            + ". Set s3_bucket_name in config to one of: " + String.join(", ", candidates);
            s.events().check(CheckResult.fail("s3.bucket_select", d, why));
            return ctx;
        }
        String bucket = c.value().get();
        d.put("selected", bucket);
        d.put("selected_by", c.how());
        d.put("bucket_url", "s3://" + bucket);
        s.events().check(CheckResult.pass("s3.bucket_select", d));
        return ctx.with(ContextKeys.REFERENCE_BUCKET, new io.daylily.ec.api.facts.ReferenceBucket(bucket));
    }
}
