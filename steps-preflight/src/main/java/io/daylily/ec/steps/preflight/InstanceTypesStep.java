package io.daylily.ec.steps.preflight;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Lookups;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.support.AwsErrors;
import io.daylily.ec.support.config.ConfigKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypeOfferingsRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceTypeOffering;
import software.amazon.awssdk.services.ec2.model.LocationType;

/**
 * {@code preflight.instance_types} (DECISIONS #15): the head-node type and every compute instance
 * type of the chosen cluster template must be offered in the AZ — one
 * {@code DescribeInstanceTypeOfferings} call; each missing type is named in the FAIL.
 */
public final class InstanceTypesStep implements Step {
    @Override
    public String id() {
        return "preflight.instance_types";
    }

    @Override
    public int order() {
        return Order.PREFLIGHT + 80;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE, Pipelines.PREFLIGHT);
    }

    @Override
    public String description() {
        return "head-node and compute instance types offered in the AZ";
    }

    /** Literal instance types of the template's compute resources (tokens such as ${...} skipped). */
    static Set<String> computeTypes(Object doc) {
        Set<String> out = new TreeSet<>();
        if (!(doc instanceof Map<?, ?> top) || !(top.get("Scheduling") instanceof Map<?, ?> sched)
                || !(sched.get("SlurmQueues") instanceof List<?> queues)) {
            return out;
        }
        for (Object q : queues) {
            if (!(q instanceof Map<?, ?> queue) || !(queue.get("ComputeResources") instanceof List<?> crs)) {
                continue;
            }
            for (Object c : crs) {
                if (!(c instanceof Map<?, ?> cr)) {
                    continue;
                }
                add(out, cr.get("InstanceType"));
                if (cr.get("Instances") instanceof List<?> instances) {
                    for (Object i : instances) {
                        if (i instanceof Map<?, ?> inst) {
                            add(out, inst.get("InstanceType"));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static void add(Set<String> out, Object v) {
        if (v instanceof String s && !s.isBlank() && !s.contains("${")) {
            out.add(s.strip());
        }
    }

    static String readTemplate(String path, Path workDir) throws IOException {
        Path p = workDir.resolve(path);
        if (Files.isRegularFile(p)) {
            return Files.readString(p);
        }
        ClassLoader cl = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : InstanceTypesStep.class.getClassLoader();
        try (InputStream in = path.startsWith("/") ? null : cl.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("template '" + path + "' not found");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The template's compute types and the head-node type: what must be offered. */
    static Set<String> wanted(ConfigValues v, Path workDir) throws IOException {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(readTemplate(v.getOrEmpty(ConfigKeys.CLUSTER_TEMPLATE_YAML), workDir));
        Set<String> types = new TreeSet<>(computeTypes(doc));
        String head = v.getOrEmpty(ConfigKeys.HEADNODE_INSTANCE_TYPE);
        if (!head.isEmpty()) {
            types.add(head);
        }
        return types;
    }

    /** Which of {@code types} are offered in {@code az}. */
    static Lookups.Key<Set<String>> key(String az, Set<String> types) {
        return new Lookups.Key<>("ec2:DescribeInstanceTypeOfferings:" + az + ":" + String.join(",", new TreeSet<>(types)));
    }

    private static Supplier<Set<String>> fetch(RunContext ctx, StepServices s, Set<String> types) {
        Ec2Client ec2 = s.aws().get(Ec2Client.class, ctx);
        String az = ctx.require(ContextKeys.REGION_AZ);
        return () -> {
            Set<String> offered = new TreeSet<>();
            // the SDK's paginator follows NextToken
            ec2.describeInstanceTypeOfferingsPaginator(DescribeInstanceTypeOfferingsRequest.builder()
                            .locationType(LocationType.AVAILABILITY_ZONE)
                            .filters(Filter.builder().name("location").values(az).build(),
                                    Filter.builder().name("instance-type").values(types).build()).build())
                    .instanceTypeOfferings().stream().map(InstanceTypeOffering::instanceTypeAsString).forEach(offered::add);
            return offered;
        };
    }

    /**
     * Starts this gate's lookup in the background (the runtime calls it ahead: {@link io.daylily.ec.api.Step#startReads}); nothing when the
     * template cannot be read yet — the gate reports that in its place.
     */
    @Override
    public void startReads(RunContext ctx, StepServices s) {
        Set<String> types;
        try {
            types = wanted(ctx.require(ContextKeys.VALUES), s.workDir());
        } catch (IOException | RuntimeException e) {
            return;
        }
        s.lookups().start(key(ctx.require(ContextKeys.REGION_AZ), types), fetch(ctx, s, types));
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        String az = ctx.require(ContextKeys.REGION_AZ);
        ConfigValues v = ctx.require(ContextKeys.VALUES);
        String template = v.getOrEmpty(ConfigKeys.CLUSTER_TEMPLATE_YAML);
        Set<String> types;
        try {
            types = wanted(v, s.workDir());
        } catch (IOException | RuntimeException e) {
            s.events().check(CheckResult.fail("ec2.instance_types", Map.of("template", template),
                    "cannot read the cluster template " + template + ": " + e.getMessage()));
            return ctx;
        }
        String head = v.getOrEmpty(ConfigKeys.HEADNODE_INSTANCE_TYPE);
        Set<String> offered;
        try {
            offered = s.lookups().get(key(az, types), fetch(ctx, s, types));
        } catch (SdkException e) {
            s.events().check(CheckResult.fail("ec2.instance_types", Map.of("az", az), AwsErrors.describe(e,
                    "ec2:DescribeInstanceTypeOfferings in " + az, "ec2:DescribeInstanceTypeOfferings")).withAwsError(AwsErrors.kind(e).detail()));
            return ctx;
        }
        List<String> missing = new ArrayList<>();
        for (String t : types) {
            if (!offered.contains(t)) {
                missing.add(t);
            }
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("az", az);
        d.put("template", template);
        d.put("instance_types", List.copyOf(types));
        d.put("missing", missing);
        if (missing.isEmpty()) {
            s.events().check(CheckResult.pass("ec2.instance_types", d));
        } else {
            s.events().check(CheckResult.fail("ec2.instance_types", d, "not offered in " + az + ": "
                    + String.join(", ", missing) + (missing.contains(head) ? " (headnode_instance_type)" : "")
                    + "; pick another AZ or change the instance types in " + template));
        }
        return ctx;
    }
}
