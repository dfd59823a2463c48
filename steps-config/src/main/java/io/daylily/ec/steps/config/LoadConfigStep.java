package io.daylily.ec.steps.config;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.config.AutoSelect;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.support.Precedence;
import io.daylily.ec.support.config.ConfigKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code config.load}: chooses the config file (DECISIONS #2), loads and checks it, adds missing
 * required keys to it ({@code create} only; text insertion, atomic), and resolves the AWS profile
 * (flag > config {@code aws_profile} > {@code AWS_PROFILE}; environment credentials when there is none).
 */
public final class LoadConfigStep implements Step {
    @Override
    public String id() {
        return "config.load";
    }

    @Override
    public int order() {
        return Order.CONFIG;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE, Pipelines.PREFLIGHT, Pipelines.SPOT_MARKET);
    }

    @Override
    public String description() {
        return "choose and load the triplet config; add missing keys; resolve the AWS profile";
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        ConfigFiles.Choice choice = ConfigFiles.choose(ctx.get(ContextKeys.CONFIG_PATH).orElse(null), s.env(),
                s.workDir(), s.configDir());
        s.prompter().say("Using config " + choice.path() + " (" + choice.source() + ")");
        ConfigLoader.Loaded loaded;
        try {
            loaded = ConfigLoader.load(choice.path());
        } catch (ConfigException e) {
            s.events().check(CheckResult.fail("config.file", Map.of("path", choice.path().toString(),
                    "source", choice.source()), e.getMessage()));
            return ctx;
        }
        boolean create = Pipelines.CREATE.equals(ctx.get(ContextKeys.PIPELINE).orElse(""));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("path", choice.path().toString());
        details.put("source", choice.source());
        details.put("keys", loaded.snapshot().entries().size());
        details.put("auto_select", AutoSelect.disabled(s.env()) ? "disabled" : "enabled");
        if (!loaded.missingRequired().isEmpty()) {
            details.put("missing_keys", loaded.missingRequired());
            if (create) {
                boolean ok = WriteBack.apply(choice.path(), loaded.text(), loaded.missingRequired());
                details.put("missing_keys_added", ok);
                if (ok) {
                    s.prompter().say("Added " + loaded.missingRequired().size() + " missing key(s) to "
                            + choice.path() + ": " + String.join(", ", loaded.missingRequired()));
                } else {
                    s.events().warn(id(), "could not add the missing keys to " + choice.path()
                            + " automatically; add them as KEY: [PROMPTUSER, \"\", \"\"]: "
                            + String.join(", ", loaded.missingRequired()));
                }
            }
        }
        RunContext next = ctx.with(ContextKeys.CONFIG, loaded.snapshot())
                .with(ContextKeys.CONFIG_FILE, choice.path().toString())
                .with(ContextKeys.VALUES, ctx.get(ContextKeys.VALUES).orElse(ConfigValues.empty()));

        // Profile: flag > config > AWS_PROFILE > environment credentials (support's one Precedence).
        String profile = Precedence.profile(ctx.get(ContextKeys.AWS_PROFILE).orElse(null),
                loaded.snapshot().autoValue(ConfigKeys.AWS_PROFILE, AutoSelect.disabled(s.env())).orElse(null), s.env())
                .orElse(null);
        if (profile == null) {
            if (!AwsProfiles.environmentCredentials(s.env())) {
                s.events().check(CheckResult.fail("config.aws_profile", Map.of(),
                        "AWS_PROFILE is not set. Please export AWS_PROFILE or use --profile."));
                return next;
            }
            details.put("aws_profile", "(environment credentials)");
        } else {
            Set<String> known = AwsProfiles.names(s.env());
            if (!known.isEmpty() && !known.contains(profile)) {
                s.events().check(CheckResult.fail("config.aws_profile", Map.of("profile", profile,
                        "available", String.join(", ", known)), "AWS profile '" + profile
                        + "' is not in your AWS config or credentials files; available: " + String.join(", ", known)));
                return next;
            }
            if (profile.equals("default")) {
                s.events().warn(id(), "using the 'default' AWS profile; pass --profile to be explicit");
            }
            details.put("aws_profile", profile);
            next = next.with(ContextKeys.AWS_PROFILE, profile);
        }
        s.events().check(CheckResult.pass("config.file", details));
        return next;
    }
}
