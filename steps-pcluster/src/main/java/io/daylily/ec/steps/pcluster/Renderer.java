package io.daylily.ec.steps.pcluster;

import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Replaces every {@code ${REGSUB_*}} token of a cluster template with its value (PARITY §15). Strict:
 * a token that is not one of the 26 known ones, or a known one without a value, is an error naming
 * it; a value that would change the YAML structure (newline, {@code ": "}, {@code " #"}, flow
 * brackets, anchors, tags…) is rejected rather than written. The same input gives the same bytes.
 */
public final class Renderer {
    public static final List<String> TOKENS = List.of("REGSUB_REGION", "REGSUB_PUB_SUBNET", "REGSUB_PRIVATE_SUBNET",
            "REGSUB_KEYNAME", "REGSUB_S3_BUCKET_INIT", "REGSUB_S3_BUCKET_NAME", "REGSUB_S3_BUCKET_REF", "REGSUB_S3_IAM_POLICY",
            "REGSUB_FSX_SIZE", "REGSUB_DETAILED_MONITORING", "REGSUB_CLUSTER_NAME", "REGSUB_USERNAME", "REGSUB_PROJECT",
            "REGSUB_DELETE_LOCAL_ROOT", "REGSUB_SAVE_FSX", "REGSUB_ENFORCE_BUDGET", "REGSUB_AWS_ACCOUNT_ID",
            "REGSUB_ALLOCATION_STRATEGY", "REGSUB_DAYLILY_GIT_DEETS", "REGSUB_MAX_COUNT_8I", "REGSUB_MAX_COUNT_128I",
            "REGSUB_MAX_COUNT_192I", "REGSUB_HEADNODE_INSTANCE_TYPE", "REGSUB_HEARTBEAT_EMAIL", "REGSUB_HEARTBEAT_SCHEDULE",
            "REGSUB_HEARTBEAT_SCHEDULER_ROLE_ARN");
    /** Tokens that must have a value whatever the template (PARITY §15.1). */
    public static final List<String> REQUIRED = List.of("REGSUB_REGION", "REGSUB_PUB_SUBNET", "REGSUB_PRIVATE_SUBNET",
            "REGSUB_CLUSTER_NAME");
    static final Pattern TOKEN = Pattern.compile("\\$\\{(REGSUB_[A-Za-z0-9_]+)}");

    private Renderer() {
    }

    /** Every {@code ${REGSUB_*}} token name in the text, sorted. */
    public static Set<String> tokens(String template) {
        Set<String> out = new TreeSet<>();
        Matcher m = TOKEN.matcher(template);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    public static String render(String template, Map<String, String> values) {
        List<String> missing = REQUIRED.stream().filter(r -> values.getOrDefault(r, "").isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw new DaylilyException(ExitCode.VALIDATION, "missing required substitution" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing));
        }
        for (String t : tokens(template)) {
            if (!TOKENS.contains(t)) {
                throw new DaylilyException(ExitCode.VALIDATION, "the cluster template uses an unknown token ${" + t
                        + "}; known tokens are listed in docs/render.md");
            }
            String v = values.get(t);
            if (v == null || v.isEmpty()) {
                throw new DaylilyException(ExitCode.VALIDATION, "no value for ${" + t + "} in the cluster template");
            }
            unsafe(v).ifPresent(why -> {
                throw new DaylilyException(ExitCode.VALIDATION, "the value of " + t + " ('" + v + "') " + why
                        + "; it was not written into the cluster YAML");
            });
        }
        Matcher m = TOKEN.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Why a value cannot stand as (part of) a plain YAML scalar, or empty when it can. */
    static Optional<String> unsafe(String v) {
        for (char c : v.toCharArray()) {
            if (Character.isISOControl(c)) {
                return Optional.of("contains a control character or line break");
            }
        }
        if (v.contains(": ") || v.contains(" #") || v.endsWith(":")) {
            return Optional.of("would change the YAML structure (': ' or ' #')");
        }
        if (!v.equals(v.strip())) {
            return Optional.of("has leading or trailing white space");
        }
        char first = v.charAt(0);
        if ("#{}[],&*!|>'\"%@`".indexOf(first) >= 0 || (first == '-' && v.length() > 1 && v.charAt(1) == ' ')) {
            return Optional.of("starts with a YAML indicator ('" + first + "')");
        }
        try {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load("k: " + v);
            if (!(doc instanceof Map<?, ?> m) || m.size() != 1 || m.get("k") instanceof Map || m.get("k") instanceof List) {
                return Optional.of("would change the YAML structure");
            }
        } catch (RuntimeException e) {
            return Optional.of("is not valid inside YAML");
        }
        return Optional.empty();
    }
}
