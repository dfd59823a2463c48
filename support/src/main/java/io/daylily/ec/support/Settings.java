package io.daylily.ec.support;

import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The numeric {@code DAYLILY_*} settings: each one's name, unit, range and default, in one place (the
 * whole numbers and the spot-price bump).
 * The runtime checks them all ({@link #problem}) before a command sends anything; a step reads its
 * own with {@link Whole#read}, by the same rule.
 */
public final class Settings {
    /**
     * A whole-number setting. A poll interval may be 0 (poll again at once).
     *
     * @param fallback the value when the variable is unset; null when unset means "none" (no cap)
     */
    public record Whole(String name, String unit, long min, long max, Long fallback, long example) {
        /** The value in {@code env}, or the fallback; a value out of rule is a validation error naming the variable. */
        public long read(Map<String, String> env) {
            Optional<String> p = problem(env);
            if (p.isPresent()) {
                throw new DaylilyException(ExitCode.VALIDATION, p.get());
            }
            String raw = env.get(name);
            return raw == null ? fallback : Long.parseLong(raw);
        }

        /** {@link #read} as a duration of the setting's unit. */
        public Duration duration(Map<String, String> env) {
            long v = read(env);
            return unit.equals("minutes") ? Duration.ofMinutes(v) : Duration.ofSeconds(v);
        }

        /** Whether the variable is set (a setting without a fallback means "none" when it is not). */
        public boolean isSet(Map<String, String> env) {
            return env.get(name) != null;
        }

        /** One line naming the variable and the fix when its value breaks the rule; empty when unset or fine. */
        public Optional<String> problem(Map<String, String> env) {
            String raw = env.get(name);
            if (raw == null) {
                return Optional.empty();
            }
            // exactly digits: no sign, no spaces, no unit
            Long n = raw.matches("[0-9]{1,12}") ? Long.valueOf(raw) : null;
            if (n != null && n >= min && n <= max) {
                return Optional.empty();
            }
            return Optional.of(name + "='" + printable(raw) + "' is not a whole number of " + unit + " from " + min + " to "
                    + max + "; unset it (" + (fallback == null ? "no limit" : "default " + fallback) + ") or set e.g. "
                    + name + "=" + example);
        }
    }

    /**
     * An amount in USD with at most 4 decimals, from 0 to {@code max}.
     *
     * @param fallback the value when the variable is unset
     */
    public record Amount(String name, BigDecimal max, BigDecimal fallback) {
        /** The value in {@code env}, or the fallback; a value out of rule is a validation error naming the variable. */
        public BigDecimal read(Map<String, String> env) {
            Optional<String> p = problem(env);
            if (p.isPresent()) {
                throw new DaylilyException(ExitCode.VALIDATION, p.get());
            }
            String raw = env.get(name);
            return raw == null ? fallback : new BigDecimal(raw);
        }

        /** One line naming the variable and the fix when its value breaks the rule; empty when unset or fine. */
        public Optional<String> problem(Map<String, String> env) {
            String raw = env.get(name);
            if (raw == null) {
                return Optional.empty();
            }
            // digits, an optional point and up to four decimals: no sign, exponent, spaces or currency
            BigDecimal b = raw.matches("[0-9]{1,4}(\\.[0-9]{1,4})?") ? new BigDecimal(raw) : null;
            if (b != null && b.compareTo(max) <= 0) {
                return Optional.empty();
            }
            return Optional.of(name + "='" + printable(raw) + "' is not an amount in USD from 0 to " + max.toPlainString()
                    + " with at most 4 decimals; unset it (default " + fallback.toPlainString() + ") or set e.g. " + name + "="
                    + fallback.toPlainString());
        }
    }

    /** The amount added to each queue's median spot price (PARITY §16: 4.14 USD). */
    public static final Amount SPOT_BUMP = new Amount("DAYLILY_SPOT_BUMP", new BigDecimal("1000"), new BigDecimal("4.14"));

    public static final Whole MONITOR_POLL_SECONDS = new Whole("DAYLILY_MONITOR_POLL_SECONDS", "seconds", 0, 3600, 30L, 30);
    public static final Whole MONITOR_TIMEOUT_MINUTES = new Whole("DAYLILY_MONITOR_TIMEOUT_MINUTES", "minutes", 1, 1440, 120L, 120);
    public static final Whole PCLUSTER_TIMEOUT_SECONDS = new Whole("DAYLILY_PCLUSTER_TIMEOUT_SECONDS", "seconds", 1, 86400, null, 600);
    public static final Whole STACK_POLL_SECONDS = new Whole("DAYLILY_STACK_POLL_SECONDS", "seconds", 0, 3600, 10L, 10);
    public static final Whole DELETE_POLL_SECONDS = new Whole("DAYLILY_DELETE_POLL_SECONDS", "seconds", 0, 3600, 15L, 15);
    public static final Whole DELETE_TIMEOUT_MINUTES = new Whole("DAYLILY_DELETE_TIMEOUT_MINUTES", "minutes", 1, 1440, 60L, 60);
    public static final Whole AWS_ATTEMPT_TIMEOUT_SECONDS = new Whole("DAYLILY_AWS_ATTEMPT_TIMEOUT_SECONDS", "seconds", 1, 3600, 30L, 30);
    public static final Whole AWS_CALL_TIMEOUT_SECONDS = new Whole("DAYLILY_AWS_CALL_TIMEOUT_SECONDS", "seconds", 1, 3600, 120L, 120);
    public static final Whole IMAGE_POLL_SECONDS = new Whole("DAYLILY_IMAGE_POLL_SECONDS", "seconds", 0, 3600, 60L, 60);
    public static final Whole IMAGE_TIMEOUT_MINUTES = new Whole("DAYLILY_IMAGE_TIMEOUT_MINUTES", "minutes", 1, 1440, 120L, 120);
    public static final Whole WEBHOOK_DRAIN_SECONDS = new Whole("DAYLILY_WEBHOOK_DRAIN_SECONDS", "seconds", 0, 600, 10L, 10);

    /** Every whole-number setting, in the order they are checked. */
    public static final List<Whole> WHOLE = List.of(MONITOR_POLL_SECONDS, MONITOR_TIMEOUT_MINUTES, PCLUSTER_TIMEOUT_SECONDS,
            STACK_POLL_SECONDS, DELETE_POLL_SECONDS, DELETE_TIMEOUT_MINUTES, AWS_ATTEMPT_TIMEOUT_SECONDS,
            AWS_CALL_TIMEOUT_SECONDS, IMAGE_POLL_SECONDS, IMAGE_TIMEOUT_MINUTES, WEBHOOK_DRAIN_SECONDS);

    private Settings() {
    }

    /** The first problem among {@link #WHOLE}, then {@link #SPOT_BUMP}, in {@code env}, as one line naming the variable and the fix. */
    public static Optional<String> problem(Map<String, String> env) {
        for (Whole w : WHOLE) {
            Optional<String> p = w.problem(env);
            if (p.isPresent()) {
                return p;
            }
        }
        return SPOT_BUMP.problem(env);
    }

    /** {@code s} with control characters shown as {@code \\uXXXX}, for a message that names a value. */
    public static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }
}
