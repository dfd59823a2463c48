package io.daylily.ec.plugins.imagebake;

import com.fasterxml.jackson.databind.JsonNode;
import io.daylily.ec.api.AtomicFiles;
import io.daylily.ec.api.AwsOperationException;
import io.daylily.ec.api.ContextKey;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.facts.Network;
import io.daylily.ec.support.Poller;
import io.daylily.ec.support.Settings;
import io.daylily.ec.support.config.ConfigKeys;
import io.daylily.ec.support.pcluster.PclusterClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * A plug-in step (the brief's Phase 4, image baking), off unless {@code DAYLILY_IMAGE_BAKE=1}. After
 * the cluster template is rendered (order 500) and before spot prices (510), it builds an AMI with
 * {@code pcluster build-image} from {@code DAYLILY_IMAGE_PARENT} on the head-node instance type in the
 * public subnet (with the baseline VPC's default security group, or {@code DAYLILY_IMAGE_SECURITY_GROUP}), waits with {@code pcluster describe-image} (one line per status change), and sets
 * {@code Image.CustomAmi} in the rendered template. The AMI id is also in the context
 * ({@link #CUSTOM_AMI}).
 */
public final class ImageBakeStep implements Step {
    /** This plug-in's own context key. */
    public static final ContextKey<String> CUSTOM_AMI = ContextKey.of("custom_ami", String.class);

    /** A security group for the build instance; default: the baseline VPC's {@code default} group. */
    static final String SECURITY_GROUP_ENV = "DAYLILY_IMAGE_SECURITY_GROUP";
    private static final java.util.regex.Pattern SG = java.util.regex.Pattern.compile("sg-[0-9a-f]{8,17}");

    /** The {@code build-image} configuration: the subnet and, as ParallelCluster requires with it, the security group. */
    static String buildConfig(String instanceType, String parent, String subnet, String securityGroup) {
        return "Build:\n  InstanceType: " + instanceType + "\n  ParentImage: " + parent + "\n  SubnetId: " + subnet
                + "\n  SecurityGroupIds:\n    - " + securityGroup + "\n";
    }

    /** {@code configured} when set (it must be an sg- id), else the {@code default} group of the subnet's VPC. */
    static String securityGroup(String configured, Network net, java.util.function.Supplier<Ec2Client> ec2) {
        if (!configured.isBlank()) {
            if (!SG.matcher(configured.strip()).matches()) {
                throw new DaylilyException(ExitCode.VALIDATION, SECURITY_GROUP_ENV + "='" + Settings.printable(configured)
                        + "' is not a security group id (expected sg- and 8 to 17 hex digits)");
            }
            return configured.strip();
        }
        try {
            String vpc = net.vpcId();
            if (vpc == null || vpc.isEmpty()) {
                vpc = ec2.get().describeSubnets(software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest.builder()
                        .subnetIds(net.publicSubnetId()).build()).subnets().stream().findFirst()
                        .map(x -> x.vpcId()).orElse("");
            }
            if (vpc.isEmpty()) {
                throw new AwsOperationException("cannot tell the VPC of subnet " + net.publicSubnetId()
                        + " for the image build; set " + SECURITY_GROUP_ENV + "=sg-…");
            }
            String v = vpc;
            return ec2.get().describeSecurityGroups(software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsRequest.builder()
                            .filters(Filter.builder().name("vpc-id").values(v).build(),
                                    Filter.builder().name("group-name").values("default").build()).build()).securityGroups().stream()
                    .findFirst().map(g -> g.groupId()).orElseThrow(() -> new AwsOperationException("VPC " + v
                            + " has no default security group for the image build; set " + SECURITY_GROUP_ENV + "=sg-…"));
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw new AwsOperationException(io.daylily.ec.support.AwsErrors.describe(e, "the VPC's default security group",
                    "ec2:DescribeSecurityGroups") + " (or set " + SECURITY_GROUP_ENV + "=sg-…)", e);
        }
    }

    @Override
    public String id() {
        return "image.bake";
    }

    /** It writes to AWS (pcluster build-image): a plain step whose whole run is its apply (issue #28). */
    @Override
    public boolean mutatesAws() {
        return true;
    }

    @Override
    public int order() {
        return Order.PCLUSTER + 5;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE);
    }

    @Override
    public String description() {
        return "bake a custom AMI (pcluster build-image) and use it; off unless DAYLILY_IMAGE_BAKE=1";
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        if (!"1".equals(s.env().get("DAYLILY_IMAGE_BAKE"))) {
            return ctx;
        }
        String parent = s.env().getOrDefault("DAYLILY_IMAGE_PARENT", "");
        if (!parent.startsWith("ami-")) {
            throw new DaylilyException(ExitCode.VALIDATION, "DAYLILY_IMAGE_BAKE=1 needs DAYLILY_IMAGE_PARENT=<parent AMI id, ami-…>");
        }
        String cluster = ctx.require(ContextKeys.CLUSTER_NAME);
        String region = ctx.require(ContextKeys.REGION);
        String imageId = "daylily-" + cluster + "-" + ctx.runId();
        Network net = ctx.require(ContextKeys.NETWORK);
        // ParallelCluster refuses a Build.SubnetId without Build.SecurityGroupIds: resolved before anything is built
        String sg = securityGroup(s.env().getOrDefault(SECURITY_GROUP_ENV, ""), net, () -> s.aws().get(Ec2Client.class, ctx));
        String config = buildConfig(ctx.require(ContextKeys.VALUES).getOrEmpty(ConfigKeys.HEADNODE_INSTANCE_TYPE), parent,
                net.publicSubnetId(), sg);
        Path configFile = AtomicFiles.writePrivate(s.configDir().resolve(cluster + "_image_" + ctx.runId() + ".yaml"), config);
        PclusterClient cli = PclusterClient.of(ctx, s);
        PclusterClient.Result build = cli.buildImage(imageId, configFile.toString(), region);
        if (build.exitCode() != 0 || build.timedOut()) {
            throw new AwsOperationException("pcluster build-image failed (" + build.problem() + ")");
        }
        s.prompter().say("Baking image " + imageId + " from " + parent + " …");
        String ami = waitForAmi(s, cli, imageId, region);
        setCustomAmi(Path.of(ctx.require(ContextKeys.INIT_TEMPLATE_PATH)), ami);
        s.events().check(CheckResult.pass(id(), Map.of("image_id", imageId, "ami", ami, "parent", parent)));
        s.prompter().say("Custom AMI " + ami + " will be the cluster's image");
        return ctx.with(CUSTOM_AMI, ami);
    }

    private String waitForAmi(StepServices s, PclusterClient cli, String imageId, String region) {
        String follow = "follow it with: pcluster describe-image -i " + imageId + " -r " + region;
        String[] last = {null};
        Poller poller = new Poller(s.clock(), Settings.IMAGE_POLL_SECONDS.duration(s.env()),
                Settings.IMAGE_TIMEOUT_MINUTES.duration(s.env()), 5);
        try {
            return poller.await(() -> {
                PclusterClient.Result r = cli.describeImage(imageId, region);
                JsonNode j = r.json();
                String status = r.exitCode() == 0 && !r.timedOut() ? j.path("imageBuildStatus").asText("") : "";
                if (status.isEmpty()) {
                    return Poller.unreadable(r.exitCode() == 0 && !r.timedOut() ? "no imageBuildStatus" : r.problem());
                }
                s.prompter().progress("image " + imageId + ": " + status);
                if (!status.equals(last[0])) {
                    s.prompter().say("  " + status);
                    last[0] = status;
                }
                if (status.equals("BUILD_COMPLETE")) {
                    String ami = j.path("ec2AmiInfo").path("amiId").asText("");
                    if (ami.isEmpty()) {
                        throw new AwsOperationException("image " + imageId + " is BUILD_COMPLETE but names no AMI");
                    }
                    return Poller.done(ami);
                }
                if (!status.equals("BUILD_IN_PROGRESS")) {
                    throw new AwsOperationException("image " + imageId + " ended " + status + ": "
                            + j.path("cloudformationStackStatusReason").asText(j.path("imageBuildLogsArn").asText(""))
                            + "; delete it with: pcluster delete-image -i " + imageId + " -r " + region);
                }
                return Poller.pending(status);
            }, new Poller.Ending() {
                @Override
                public RuntimeException timedOut(String lastStatus, Duration waited) {
                    return new AwsOperationException("image " + imageId + " still " + lastStatus + "; " + follow);
                }

                @Override
                public RuntimeException unreadable(String lastProblem, int times) {
                    return new AwsOperationException("could not read the status of image " + imageId + " " + times
                            + " times in a row (last: " + lastProblem + "); " + follow);
                }

                @Override
                public RuntimeException interrupted() {
                    return new AwsOperationException("interrupted while waiting for image " + imageId);
                }
            });
        } finally {
            s.prompter().progressDone();
        }
    }

    /** Sets {@code Image.CustomAmi} in the rendered template (replacing one already there), keeping every other line. */
    static void setCustomAmi(Path file, String ami) {
        List<String> lines;
        try {
            lines = new ArrayList<>(Files.readAllLines(file));
        } catch (IOException e) {
            throw new DaylilyException(ExitCode.VALIDATION, "cannot read " + file + ": " + e.getMessage(), e);
        }
        int image = lines.indexOf("Image:");
        if (image < 0) {
            lines.add(0, "Image:");
            lines.add(1, "  CustomAmi: " + ami);
        } else {
            int i = image + 1;
            boolean replaced = false;
            while (i < lines.size() && (lines.get(i).startsWith(" ") || lines.get(i).isBlank())) {
                if (lines.get(i).strip().startsWith("CustomAmi:")) {
                    lines.set(i, "  CustomAmi: " + ami);
                    replaced = true;
                }
                i++;
            }
            if (!replaced) {
                lines.add(image + 1, "  CustomAmi: " + ami);
            }
        }
        AtomicFiles.writePrivate(file, String.join("\n", lines) + "\n");
    }
}
