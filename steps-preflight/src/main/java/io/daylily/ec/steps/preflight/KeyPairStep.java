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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeKeyPairsRequest;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;
import software.amazon.awssdk.services.ec2.model.KeyType;

/**
 * {@code preflight.keypair} (PARITY §9, DECISIONS #7): ed25519 key pairs whose name contains
 * {@code omics} and whose PEM {@code ~/.ssh/<name>.pem} exists; selection by set value, single
 * candidate, menu; the PEM must have mode exactly 400.
 */
public final class KeyPairStep implements Step {
    @Override
    public String id() {
        return "preflight.keypair";
    }

    @Override
    public int order() {
        return Order.PREFLIGHT + 60;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE, Pipelines.PREFLIGHT);
    }

    @Override
    public String description() {
        return "ed25519 'omics' key pair with ~/.ssh/<name>.pem at mode 400";
    }

    /** The key pairs of {@code region}. */
    static Lookups.Key<List<KeyPairInfo>> key(String region) {
        return new Lookups.Key<>("ec2:DescribeKeyPairs:" + region);
    }

    private static Supplier<List<KeyPairInfo>> fetch(RunContext ctx, StepServices s) {
        Ec2Client ec2 = s.aws().get(Ec2Client.class, ctx);
        return () -> ec2.describeKeyPairs(DescribeKeyPairsRequest.builder().build()).keyPairs();
    }

    /** Starts this gate's lookup in the background (the runtime calls it ahead: {@link io.daylily.ec.api.Step#startReads}). */
    @Override
    public void startReads(RunContext ctx, StepServices s) {
        s.lookups().start(key(ctx.require(ContextKeys.REGION)), fetch(ctx, s));
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        String region = ctx.require(ContextKeys.REGION);
        Path ssh = Path.of(s.env().getOrDefault("HOME", System.getProperty("user.home")), ".ssh");
        List<KeyPairInfo> pairs;
        try {
            pairs = s.lookups().get(key(region), fetch(ctx, s));
        } catch (SdkException e) {
            s.events().check(CheckResult.fail("keypair.select", Map.of("region", region), AwsErrors.describe(e,
                    "ec2:DescribeKeyPairs in " + region, "ec2:DescribeKeyPairs")).withAwsError(AwsErrors.kind(e).detail()));
            return ctx;
        }
        List<String> omics = new ArrayList<>();
        List<String> valid = new ArrayList<>();
        for (KeyPairInfo k : pairs) {
            if (k.keyName() == null || !k.keyName().contains("omics")) {
                continue;
            }
            omics.add(k.keyName());
            if (k.keyType() == KeyType.ED25519 && Files.isRegularFile(ssh.resolve(k.keyName() + ".pem"))) {
                valid.add(k.keyName());
            }
        }
        valid.sort(null);
        ConfigSnapshot cfg = ctx.require(ContextKeys.CONFIG);
        boolean off = AutoSelect.disabled(s.env());
        Optional<String> set = cfg.autoValue(ConfigKeys.SSH_KEY_NAME, off);
        Selection.Choice c = Selection.choose(valid, set, off, null, s.prompter(), ConfigKeys.SSH_KEY_NAME.name(),
                "Select an ed25519 key pair (PEM found in " + ssh + "):");
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("region", region);
        d.put("candidates", valid);
        if (c.how().equals(Selection.PINNED_NOT_CANDIDATE)) {
            d.put("configured", set.orElse(""));
            s.events().check(CheckResult.fail("keypair.select", d, Selection.pinnedRefusal(ConfigKeys.SSH_KEY_NAME.name(), set.orElse(""),
                    "is not an ed25519 key pair in " + region + " whose name contains 'omics' with its PEM at " + ssh
                            + "/<name>.pem" + (omics.contains(set.orElse("")) ? " (it exists, but is not ed25519 or has no PEM)"
                            : ""), valid)));
            return ctx;
        }
        if (c.value().isEmpty()) {
            String why = valid.isEmpty()
                    ? "No valid SSH key: need an ed25519 key pair in " + region + " whose name contains 'omics' and a PEM at "
                            + ssh + "/<name>.pem" + (omics.isEmpty() ? "" : " (found without PEM or not ed25519: "
                            + String.join(", ", omics) + ")")
                    : "Several key pairs are valid (" + String.join(", ", valid) + "); set ssh_key_name in the config";
            s.events().check(CheckResult.fail("keypair.select", d, why));
            return ctx;
        }
        String name = c.value().get();
        Path pem = ssh.resolve(name + ".pem");
        d.put("selected", name);
        d.put("pem", pem.toString());
        String mode;
        try {
            mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(pem));
        } catch (IOException | UnsupportedOperationException e) {
            s.events().check(CheckResult.fail("keypair.pem", d, "cannot read the permissions of " + pem + ": " + e.getMessage()));
            return ctx;
        }
        d.put("mode", mode);
        if (!mode.equals("r--------")) {
            s.events().check(CheckResult.fail("keypair.pem", d, pem + " does not have the required permissions of 400."
                    + " Please run: chmod 400 " + pem));
            return ctx;
        }
        s.events().check(CheckResult.pass("keypair.pem", d));
        // the key pair's own name (a name may contain '.': "lab.omics" has the PEM lab.omics.pem)
        return ctx.with(ContextKeys.KEY_PAIR,
                new io.daylily.ec.api.facts.KeyPair(name, pem.toString()));
    }
}
