package io.daylily.ec.app;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.app.runtime.Discovery;
import io.daylily.ec.app.runtime.Planner;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.cli.CommandLine;

/** {@code infra ensure-network | bootstrap-account | bootstrap-region}: the baseline network, the admin IAM setup. */
final class InfraCommand extends AbstractCommand {
    static final String BOOTSTRAP_GROUP = "daylily-ephemeral-cluster";
    /** IAM user and group names: letters, digits and {@code +=,.@_-}. */
    private static final java.util.regex.Pattern IAM_NAME = java.util.regex.Pattern.compile("[\\w+=,.@-]+");

    InfraCommand(CliRuntime rt) {
        super(rt, "infra", "infra ensure-network | bootstrap-account | bootstrap-region: baseline network, admin IAM setup", CliOptions::infraNetwork, true);
    }

    @Override
    public String syntax() {
        return Cli.PROG + " infra ensure-network --region-az AZ [--update] [--profile NAME]\n  | infra bootstrap-account --user NAME"
                + " [--group NAME] [--policy-document FILE] [--region R] [--profile ADMIN]\n  | infra bootstrap-region --region R"
                + " --user NAME [--group NAME] [--policy-document FILE] [--lambda-policy-document FILE] [--profile ADMIN]";
    }

    /** An IAM user or group name ({@code max} characters at most), or exit 1 naming the flag. */
    static String iamName(String flag, String value, int max) {
        if (value == null || value.isEmpty() || value.length() > max || !IAM_NAME.matcher(value).matches()) {
            throw new io.daylily.ec.api.DaylilyException(io.daylily.ec.api.ExitCode.VALIDATION, flag + " '"
                    + Regions.printable(value == null ? "" : value) + "' is not an IAM name: 1 to " + max
                    + " letters, digits and +=,.@_- (e.g. " + flag + " alice)");
        }
        return value;
    }

    @Override
    public int run(Invocation inv) {
        String[] tail = inv.tail();
        String sub = tail.length > 0 ? tail[0] : "";
        if (!List.of("ensure-network", "bootstrap-account", "bootstrap-region").contains(sub)) {
            return rt.help().usageError(inv.err(), this, "expected: infra ensure-network | bootstrap-account | bootstrap-region");
        }
        boolean network = sub.equals("ensure-network");
        boolean regional = sub.equals("bootstrap-region");
        CommandLine cl;
        try {
            cl = rt.parse(this, network ? CliOptions.infraNetwork() : CliOptions.bootstrap(regional), inv,
                    Arrays.copyOfRange(tail, 1, tail.length));
        } catch (UsageException u) {
            return u.code;
        }
        String pipeline = network ? Pipelines.INFRA_NETWORK : regional ? Pipelines.BOOTSTRAP_REGION : Pipelines.BOOTSTRAP_ACCOUNT;
        Path configDir = rt.configDir();
        InitialContext ctx = InitialContext.of(pipeline, RunIds.reserve(configDir, rt.clock), cl).profile(cl, rt.env);
        if (network) {
            String az = cl.getOptionValue("region-az");
            ctx.with(ContextKeys.REGION_AZ, az).with(ContextKeys.REGION, Regions.regionOf(az, rt.regionEnv(cl)))
                    .with(ContextKeys.NETWORK_UPDATE, cl.hasOption("update"));
        } else {
            ctx.with(ContextKeys.REGION, regional || cl.hasOption("region")
                            ? Regions.checkRegion(cl.getOptionValue("region"), rt.regionEnv(cl)) : Regions.resolve(null, rt.env))
                    .with(ContextKeys.BOOTSTRAP_USER, iamName("--user", cl.getOptionValue("user"), 64))
                    .with(ContextKeys.BOOTSTRAP_GROUP, iamName("--group", cl.getOptionValue("group", BOOTSTRAP_GROUP), 128))
                    .path(cl, "policy-document", ContextKeys.BOOTSTRAP_POLICY_FILE)
                    .path(cl, "lambda-policy-document", ContextKeys.BOOTSTRAP_LAMBDA_POLICY_FILE);
        }
        Discovery found = rt.discover(cl, configDir, inv.err());
        return rt.composition().execute(pipeline, Planner.plan(found.steps(), pipeline), ctx.build(), cl, configDir,
                found, inv.out(), inv.err(), cl.hasOption("json")).exitCode().code();
    }
}
