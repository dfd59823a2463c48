package io.daylily.ec.steps.preflight;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Lookups;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.ProcessResult;
import io.daylily.ec.api.ProcessSpec;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.event.CheckResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code preflight.s3_verify} (PARITY §8.4, DECISIONS #8): the external reference-bundle verifier
 * ({@code daylily-omics-references.sh [--profile P] --region R verify --bucket B --exclude-b37}) is a
 * hard gate: a non-zero exit or a timeout is a FAIL.
 */
public final class S3VerifyStep implements Step {
    static final Duration TIMEOUT = Duration.ofSeconds(300);

    @Override
    public String id() {
        return "preflight.s3_verify";
    }

    @Override
    public int order() {
        return Order.PREFLIGHT + 50;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE, Pipelines.PREFLIGHT);
    }

    @Override
    public String description() {
        return "verify the reference bundle in the bucket (external verifier)";
    }

    static List<String> argv(String verifier, String profile, String region, String bucket) {
        List<String> a = new ArrayList<>(List.of(verifier));
        if (profile != null && !profile.isEmpty()) {
            a.addAll(List.of("--profile", profile));
        }
        a.addAll(List.of("--region", region, "verify", "--bucket", bucket, "--exclude-b37"));
        return a;
    }

    /** The verifier's call for this bucket: argv and the child environment (profile and region). */
    static ProcessSpec spec(StepServices s, String profile, String region, String bucket) {
        Map<String, String> env = new LinkedHashMap<>();
        if (profile != null) {
            env.put("AWS_PROFILE", profile);
        }
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        return new ProcessSpec(argv(Tools.verifier(s.env()), profile, region, bucket), env, null, TIMEOUT, null);
    }

    /** One verifier run: an external program (stopped, not waited for, when the run ends first). */
    static Lookups.Key<ProcessResult> key(ProcessSpec spec) {
        return new Lookups.Key<>(Lookups.PROCESS + "verifier:" + String.join(" ", spec.argv()));
    }

    /**
     * Starts the verifier the moment the bucket is known (issue #19): in the background, once the bucket
     * listing has landed, when {@code preflight.s3_select} will choose the bucket without asking anyone
     * (the set value, the only candidate, the default). Otherwise nothing starts, and the verifier runs in
     * its place, after the choice. The gate still reports in its place; a gate before it that fails still
     * ends the run before any change (the verifier only reads, and is stopped when the run ends).
     */
    @Override
    public void startReads(RunContext ctx, StepServices s) {
        String region = ctx.require(ContextKeys.REGION);
        String profile = ctx.get(ContextKeys.AWS_PROFILE).orElse(null);
        java.util.function.Supplier<S3SelectStep.Lookup> listing = S3SelectStep.fetch(ctx, s);
        s.lookups().start(new Lookups.Key<String>("s3_verify:ahead:" + region), () -> {
            S3SelectStep.Lookup found = s.lookups().get(S3SelectStep.key(region), listing);
            java.util.Optional<String> bucket = S3SelectStep.decided(ctx, s, found);
            bucket.ifPresent(b -> {
                ProcessSpec spec = spec(s, profile, region, b);
                s.lookups().start(key(spec), () -> s.processes().run(spec));
            });
            return bucket.orElse("");
        });
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        String bucket = ctx.require(ContextKeys.REFERENCE_BUCKET).name();
        String region = ctx.require(ContextKeys.REGION);
        String profile = ctx.get(ContextKeys.AWS_PROFILE).orElse(null);
        ProcessSpec spec = spec(s, profile, region, bucket);
        ProcessResult r = s.lookups().get(key(spec), () -> s.processes().run(spec));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("bucket", bucket);
        d.put("exit_code", r.exitCode());
        d.put("seconds", r.elapsed().toMillis() / 1000.0);
        if (r.ok()) {
            d.put("verified", true);
            s.events().check(CheckResult.pass("s3.bucket_verify", d));
        } else {
            d.put("verified", false);
            String last = r.lastOutputLine();
            String why = r.timedOut() ? "timed out after " + TIMEOUT.toSeconds() + " s" : "exit " + r.exitCode()
                    + (last.isEmpty() ? "" : ": " + last);
            s.events().check(CheckResult.fail("s3.bucket_verify", d, "Reference bundle verification failed for bucket '"
                    + bucket + "' (" + why + "). Confirm the bucket holds the Daylily reference bundle"
                    + " (s3_reference_data_version.info and the expected reference prefixes)."));
        }
        return ctx;
    }
}
