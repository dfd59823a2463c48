package io.daylily.ec.steps.preflight;

import io.daylily.ec.api.ContextKeys;
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

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        String bucket = ctx.require(ContextKeys.REFERENCE_BUCKET).name();
        String region = ctx.require(ContextKeys.REGION);
        String profile = ctx.get(ContextKeys.AWS_PROFILE).orElse(null);
        Map<String, String> env = new LinkedHashMap<>();
        if (profile != null) {
            env.put("AWS_PROFILE", profile);
        }
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        ProcessResult r = s.processes().run(new ProcessSpec(argv(Tools.verifier(s.env()), profile, region, bucket),
                env, null, TIMEOUT, null));
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
