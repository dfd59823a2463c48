package io.daylily.ec.steps.config;

import io.daylily.ec.api.PromptRequiredException;
import io.daylily.ec.api.Prompter;
import io.daylily.ec.api.Prompts;
import io.daylily.ec.api.config.AutoSelect;
import io.daylily.ec.api.config.ConfigKey;
import io.daylily.ec.api.config.ConfigSnapshot;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.config.Triplet;
import io.daylily.ec.support.config.ConfigKeys;
import io.daylily.ec.support.config.Rules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Settles every config value that needs no AWS lookup (PARITY §2.9, §12, §14), in the legacy prompt
 * order. For each key: an auto-applied set value wins (PARITY §2.4; it is validated by the
 * {@code config.validate} gate, not here); otherwise the value is asked for — with the effective
 * default on Enter and a re-ask on invalid input — or, for the keys the legacy script never asked
 * about when their default is valid, the default is taken silently. Non-interactive runs take a valid
 * default and otherwise collect a {@link PromptRequiredException} per key (DECISIONS #14).
 *
 * <p>Values that need AWS (bucket, subnets, policy ARN, key pair, scheduler role) are only taken
 * from an auto-applied set value here; the preflight and infra steps resolve the rest.
 */
public final class ValueResolver {
    private final ConfigSnapshot cfg;
    private final Prompter prompter;
    private final Map<String, String> env;
    private final Path workDir;
    private final boolean autoOff;
    private final List<PromptRequiredException> unanswered = new ArrayList<>();

    public ValueResolver(ConfigSnapshot cfg, Prompter prompter, Map<String, String> env, Path workDir) {
        this.cfg = cfg;
        this.prompter = prompter;
        this.env = env;
        this.workDir = workDir;
        this.autoOff = AutoSelect.disabled(env);
    }

    /** Keys a non-interactive run could not settle (each would have needed a prompt). */
    public List<PromptRequiredException> unanswered() {
        return List.copyOf(unanswered);
    }

    /** Settles every key it can, starting from {@code start}; never overwrites a key already in it. */
    public ConfigValues resolveAll(ConfigValues start) {
        ConfigValues v = start;
        for (ConfigKey key : ConfigKeys.MAX_COUNTS) {
            String size = key.name().substring("max_count_".length(), key.name().length() - 1);
            v = settle(v, key, () -> prompted(key, "Enter the max number of " + size + "xlarge instances to request"));
        }
        for (ConfigKey key : List.of(ConfigKeys.S3_BUCKET_NAME, ConfigKeys.PUBLIC_SUBNET_ID, ConfigKeys.PRIVATE_SUBNET_ID,
                ConfigKeys.IAM_POLICY_ARN, ConfigKeys.SSH_KEY_NAME, ConfigKeys.HEARTBEAT_SCHEDULER_ROLE_ARN)) {
            Optional<String> a = auto(key);
            if (a.isPresent() && !v.has(key)) {
                v = v.with(key, a.get());
            }
        }
        v = settle(v, ConfigKeys.CLUSTER_NAME, () -> prompted(ConfigKeys.CLUSTER_NAME,
                "Enter cluster name (letters, digits and '-', a letter first, 2-25 chars)"));
        v = settle(v, ConfigKeys.BUDGET_EMAIL, () -> prompted(ConfigKeys.BUDGET_EMAIL, "Enter an email for budget alerts",
                env.getOrDefault("DAY_CONTACT_EMAIL", ""), ConfigKeys.BUDGET_EMAIL.rule()::check));
        v = settle(v, ConfigKeys.GLOBAL_ALLOWED_BUDGET_USERS, () -> prompted(ConfigKeys.GLOBAL_ALLOWED_BUDGET_USERS,
                "Enter users allowed on the global budget (comma-separated)"));
        v = settle(v, ConfigKeys.GLOBAL_BUDGET_AMOUNT, () -> prompted(ConfigKeys.GLOBAL_BUDGET_AMOUNT,
                "Enter the global budget amount (USD)"));
        v = settle(v, ConfigKeys.ALLOWED_BUDGET_USERS, () -> prompted(ConfigKeys.ALLOWED_BUDGET_USERS,
                "Enter users allowed on the cluster budget (comma-separated)"));
        v = settle(v, ConfigKeys.BUDGET_AMOUNT, () -> prompted(ConfigKeys.BUDGET_AMOUNT, "Enter the cluster budget amount (USD)"));
        v = settle(v, ConfigKeys.ENFORCE_BUDGET, this::enforceBudget);
        v = settle(v, ConfigKeys.CLUSTER_TEMPLATE_YAML, () -> prompted(ConfigKeys.CLUSTER_TEMPLATE_YAML,
                "Enter path to Daylily cluster config YAML", ConfigKeys.CLUSTER_TEMPLATE_YAML.defaultValue(), this::templateExists));
        v = settle(v, ConfigKeys.HEADNODE_INSTANCE_TYPE, () -> menu(ConfigKeys.HEADNODE_INSTANCE_TYPE,
                "Choose headnode instance type (smallest to largest)", Rules.HEADNODE_TYPES));
        v = settle(v, ConfigKeys.FSX_FS_SIZE, this::fsxSize);
        v = settle(v, ConfigKeys.ENABLE_DETAILED_MONITORING, this::monitoring);
        v = settle(v, ConfigKeys.DELETE_LOCAL_ROOT, () -> silentOrMenu(ConfigKeys.DELETE_LOCAL_ROOT, Rules.BOOLEAN,
                "Delete local root volume on termination?", List.of("false", "true")));
        v = settle(v, ConfigKeys.AUTO_DELETE_FSX, () -> silentOrMenu(ConfigKeys.AUTO_DELETE_FSX, Rules.FSX_POLICY,
                "Retain or delete the FSx Lustre file system on cluster termination?", Rules.FSX_POLICY));
        String budgetEmail = v.getOrEmpty(ConfigKeys.BUDGET_EMAIL);
        v = settle(v, ConfigKeys.HEARTBEAT_EMAIL, () -> heartbeatEmail(budgetEmail));
        ConfigValues afterEmail = v;
        v = settle(v, ConfigKeys.HEARTBEAT_SCHEDULE, () -> Rules.SKIP.equals(afterEmail.getOrEmpty(ConfigKeys.HEARTBEAT_EMAIL))
                ? def(ConfigKeys.HEARTBEAT_SCHEDULE)
                : prompted(ConfigKeys.HEARTBEAT_SCHEDULE, "Enter EventBridge schedule"));
        v = settle(v, ConfigKeys.SPOT_INSTANCE_ALLOCATION_STRATEGY, () -> menu(ConfigKeys.SPOT_INSTANCE_ALLOCATION_STRATEGY,
                "Select Spot Instance Allocation Strategy:", Rules.STRATEGIES));
        return v;
    }

    @FunctionalInterface
    private interface Source {
        String get();
    }

    private ConfigValues settle(ConfigValues v, ConfigKey key, Source source) {
        if (v.has(key)) {
            return v;
        }
        try {
            return v.with(key, source.get());
        } catch (PromptRequiredException e) {
            if (prompter.interactive()) {
                throw e;
            }
            unanswered.add(e);
            return v;
        }
    }

    Optional<String> auto(ConfigKey key) {
        return cfg.autoValue(key.name(), autoOff);
    }

    /** The config's effective default for {@code key}, else the catalogue's default. */
    String def(ConfigKey key) {
        return def(key, key.defaultValue());
    }

    String def(ConfigKey key, String fallback) {
        return cfg.effectiveDefault(key.name(), fallback);
    }

    /** {@link #prompted(ConfigKey, String, String, Function)} with the catalogue's default and rule of {@code key}. */
    String prompted(ConfigKey key, String label) {
        return prompted(key, label, key.defaultValue(), key.rule()::check);
    }

    /** Set value, else a prompt with the effective default (a valid default is taken when non-interactive). */
    String prompted(ConfigKey key, String label, String fallback, Function<String, Optional<String>> rule) {
        Optional<String> a = auto(key);
        if (a.isPresent()) {
            return a.get();
        }
        String d = def(key, fallback);
        if (!prompter.interactive() && !d.isEmpty() && rule.apply(d).isEmpty()) {
            return d;
        }
        return Prompts.askValid(prompter, key.name(), label, d, rule);
    }

    /** Set value, else a numbered menu whose default is the effective default when it is a choice. */
    String menu(ConfigKey key, String title, List<String> choices) {
        Optional<String> a = auto(key);
        if (a.isPresent()) {
            return a.get();
        }
        String d = def(key);
        int idx = Math.max(0, choices.indexOf(d));
        if (!prompter.interactive()) {
            return choices.get(idx);
        }
        return Prompts.choose(prompter, key.name(), title, choices, idx);
    }

    /** Set value, else the effective default when it is valid (no question, as the legacy script did), else a menu. */
    String silentOrMenu(ConfigKey key, List<String> valid, String title, List<String> menu) {
        Optional<String> a = auto(key);
        if (a.isPresent()) {
            return a.get();
        }
        String d = def(key);
        if (valid.contains(d)) {
            return d;
        }
        return Prompts.choose(prompter, key.name(), title + " (the configured default '" + d + "' is not valid)", menu, 0);
    }

    String enforceBudget() {
        Optional<String> a = auto(ConfigKeys.ENFORCE_BUDGET);
        if (a.isPresent()) {
            String s = a.get();
            return s.equals("false") ? "skip" : s;
        }
        String d = def(ConfigKeys.ENFORCE_BUDGET);
        if (d.equals("false")) {
            d = "skip";
        }
        int idx = d.equals("enforce") ? 1 : 0;
        if (!prompter.interactive()) {
            return Rules.ENFORCE.get(idx);
        }
        String choice = Prompts.choose(prompter, ConfigKeys.ENFORCE_BUDGET.name(),
                "Enforce budget for the cluster?\nIf enforced, new jobs are blocked when the budget is exceeded;"
                        + " the cluster stays up until you stop it.",
                List.of("No (skip)", "Yes (enforce)"), idx);
        return choice.startsWith("Yes") ? "enforce" : "skip";
    }

    String fsxSize() {
        Optional<String> a = auto(ConfigKeys.FSX_FS_SIZE);
        if (a.isPresent()) {
            return a.get();
        }
        String d = def(ConfigKeys.FSX_FS_SIZE);
        if (Rules.fsxSize(d).isEmpty()) {
            return d;
        }
        // The configured default is not a valid size: ask (menu number or an explicit valid size).
        StringBuilder q = new StringBuilder("Choose FSx Lustre file system size (GiB); the configured default '")
                .append(d).append("' is not valid.\nSmallest allowed sizes:\n");
        for (int i = 0; i < Rules.FSX_MENU.size(); i++) {
            q.append("  [").append(i + 1).append("] ").append(Rules.FSX_MENU.get(i)).append('\n');
        }
        return Prompts.askValid(prompter, ConfigKeys.FSX_FS_SIZE.name(), q + "Enter selection number or explicit size", ConfigKeys.FSX_FS_SIZE.defaultValue(),
                s -> {
                    if (s.matches("[1-7]")) {
                        return Optional.empty();
                    }
                    return Rules.fsxSize(s);
                }).transform(s -> s.matches("[1-7]") ? Rules.FSX_MENU.get(Integer.parseInt(s) - 1) : s);
    }

    String monitoring() {
        Triplet t = cfg.triplet(ConfigKeys.ENABLE_DETAILED_MONITORING.name());
        // Legacy quick-fix: USESETVALUE reads the set value directly, even with auto-select disabled.
        if (Triplet.USESETVALUE.equals(t.action()) && !t.setValue().isEmpty()) {
            return booleanWord(t.setValue());
        }
        Optional<String> a = auto(ConfigKeys.ENABLE_DETAILED_MONITORING);
        if (a.isPresent()) {
            return booleanWord(a.get());
        }
        return booleanWord(def(ConfigKeys.ENABLE_DETAILED_MONITORING));
    }

    private static String booleanWord(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return l.equals("true") || l.equals("false") ? l : s;
    }

    String heartbeatEmail(String budgetEmail) {
        Optional<String> a = auto(ConfigKeys.HEARTBEAT_EMAIL);
        if (a.isPresent()) {
            return a.get();
        }
        String d = def(ConfigKeys.HEARTBEAT_EMAIL, budgetEmail);
        if (!prompter.interactive()) {
            return d.isEmpty() ? Rules.SKIP : d;
        }
        String q = d.isEmpty()
                ? "Enter an email to receive heartbeat notifications (leave blank to skip): "
                : "Enter an email to receive heartbeat notifications [" + d
                        + "] (leave blank to keep, type 'skip' to disable): ";
        for (int attempt = 0; attempt < Prompts.MAX_ATTEMPTS; attempt++) {
            String ans = prompter.ask(ConfigKeys.HEARTBEAT_EMAIL.name(), q);
            if (ans.isEmpty()) {
                return d.isEmpty() ? Rules.SKIP : d;
            }
            if (ans.equalsIgnoreCase(Rules.SKIP)) {
                return Rules.SKIP;
            }
            if (Rules.email(ans).isEmpty()) {
                return ans;
            }
            prompter.say("  Invalid email format.");
            // the re-ask keeps the meaning of Enter that the first question stated
            q = d.isEmpty() ? "Enter a valid email (leave blank to skip): "
                    : "Enter a valid email [" + d + "] (leave blank to keep, type 'skip' to disable): ";
        }
        return Rules.SKIP;
    }

    Optional<String> templateExists(String v) {
        if (v.isEmpty()) {
            return Optional.of("a cluster template path is required");
        }
        if (Files.isRegularFile(workDir.resolve(v))) {
            return Optional.empty();
        }
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        if (cl == null) {
            cl = ValueResolver.class.getClassLoader();
        }
        if (!v.startsWith("/") && cl.getResource(v) != null) {
            return Optional.empty();
        }
        return Optional.of("'" + v + "' not found (relative paths start at " + workDir + ")");
    }
}
