package io.daylily.ec.api.config;

import java.util.Map;

/**
 * The auto-select rule (PARITY §2.4): a set value is used without asking iff auto-select is on and
 * either the action is {@code USESETVALUE} with a non-empty set value, or the set value is
 * non-empty and not the literal {@code PROMPTUSER}. Only {@code DAY_DISABLE_AUTO_SELECT=1} turns
 * auto-select off; it also turns off single-candidate selection (buckets, subnets, key pairs).
 */
public final class AutoSelect {
    public static final String ENV = "DAY_DISABLE_AUTO_SELECT";

    private AutoSelect() {
    }

    /** True when the environment disables auto-select: the variable is exactly {@code 1}. */
    public static boolean disabled(Map<String, String> env) {
        return "1".equals(env.get(ENV));
    }

    /** Whether {@code t}'s set value is applied without a prompt. */
    public static boolean applies(Triplet t, boolean disabled) {
        if (disabled) {
            return false;
        }
        String set = t.setValue();
        if (Triplet.USESETVALUE.equals(t.action()) && !set.isEmpty()) {
            return true;
        }
        return !set.isEmpty() && !Triplet.PROMPTUSER.equals(set);
    }

    /** "Has an effective set value": non-empty and not {@code PROMPTUSER}. */
    public static boolean hasEffectiveSetValue(Triplet t) {
        return !t.setValue().isEmpty() && !Triplet.PROMPTUSER.equals(t.setValue());
    }
}
