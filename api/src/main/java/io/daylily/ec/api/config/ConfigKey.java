package io.daylily.ec.api.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One key of the triplet config, as a typed handle: steps read and settle values through these
 * (the support module's {@code ConfigKeys} catalogue holds every key daylily-ec knows), so a
 * misspelt key is a compile error rather than a read of {@code ""}.
 *
 * @param name         the key as the YAML file spells it, e.g. {@code public_subnet_id}
 * @param required     true when a missing key is added to the user's file as {@code [PROMPTUSER, "", ""]}
 * @param defaultValue the value offered when neither the config nor the user gives one ({@code ""}: none)
 * @param rule         the validation rule of a settled value
 */
public record ConfigKey(String name, boolean required, String defaultValue, Rule rule) {
    /** A value's validation rule: empty when valid, else the reason naming the rule. */
    @FunctionalInterface
    public interface Rule {
        /** The rule every value passes. */
        Rule ANY = value -> Optional.empty();

        Optional<String> check(String value);
    }

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        defaultValue = defaultValue == null ? "" : defaultValue;
        rule = rule == null ? Rule.ANY : rule;
    }

    @Override
    public String toString() {
        return name;
    }
}
