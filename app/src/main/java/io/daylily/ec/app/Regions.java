package io.daylily.ec.app;

import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.support.Settings;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;

/**
 * AZ and region rules (PARITY §1.4, §29.4): an AZ is a known AWS region and one lower-case zone
 * letter. Known regions are the SDK's list, plus the region an endpoint override's host names (an
 * emulator may serve a region the SDK does not know). Checked before any AWS call, so a mistyped
 * value never reaches AWS as a confusing "policy not attached".
 */
public final class Regions {
    private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$");

    private Regions() {
    }

    /** The region of an AZ, as {@link #regionOf(String, Map)} with no endpoint override. */
    public static String regionOf(String az) {
        return regionOf(az, Map.of());
    }

    /** The region of an AZ: the AZ minus its zone letter, which must be lower case, the region a known one. */
    public static String regionOf(String az, Map<String, String> env) {
        if (az == null || az.isEmpty()) {
            throw new DaylilyException(ExitCode.VALIDATION, "--region-az must not be empty (e.g. us-west-2b)");
        }
        if (az.length() < 2) {
            throw new DaylilyException(ExitCode.VALIDATION,
                    "--region-az '" + printable(az) + "' has no region component (expected e.g. us-west-2b)");
        }
        char last = az.charAt(az.length() - 1);
        if (last >= 'A' && last <= 'Z') {
            throw new DaylilyException(ExitCode.VALIDATION, "--region-az '" + printable(az)
                    + "' must be lower case (e.g. us-west-2b)");
        }
        if (!(last >= 'a' && last <= 'z')) {
            throw new DaylilyException(ExitCode.VALIDATION,
                    "--region-az '" + printable(az) + "' must end with the zone letter: expected a letter, e.g. us-west-2b");
        }
        String region = az.substring(0, az.length() - 1);
        if (!known(region, env)) {
            throw new DaylilyException(ExitCode.VALIDATION, "--region-az '" + printable(az) + "': '" + printable(region)
                    + "' is not an AWS region" + hint(region) + " (known: " + String.join(", ", sdkRegions()) + ")");
        }
        return region;
    }

    /** A {@code --region} value, checked as an AZ's region is. */
    public static String checkRegion(String region, Map<String, String> env) {
        if (region == null || region.isBlank()) {
            throw new DaylilyException(ExitCode.VALIDATION, "--region must not be empty (e.g. us-west-2)");
        }
        if (!known(region, env)) {
            throw new DaylilyException(ExitCode.VALIDATION, "--region '" + printable(region) + "' is not an AWS region"
                    + hint(region) + " (known: " + String.join(", ", sdkRegions()) + ")");
        }
        return region;
    }

    /** The region when there may be no AZ: the AZ's region, else AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1. */
    public static String resolve(String az, Map<String, String> env) {
        if (az != null && !az.isEmpty()) {
            return regionOf(az, env);
        }
        for (String name : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return "us-east-1";
    }

    static boolean known(String region, Map<String, String> env) {
        if (!REGION.matcher(region).matches()) {
            return false;
        }
        return sdkRegions().contains(region) || List.of(overrideHost(env).split("\\.")).contains(region);
    }

    /** The SDK's regular regions (its global pseudo-regions such as aws-global left out). */
    static Set<String> sdkRegions() {
        Set<String> out = new TreeSet<>();
        for (Region r : Region.regions()) {
            if (!r.isGlobalRegion() && REGION.matcher(r.id()).matches()) {
                out.add(r.id());
            }
        }
        return out;
    }

    private static String overrideHost(Map<String, String> env) {
        String url = env.getOrDefault("AWS_ENDPOINT_URL", "");
        if (url.isBlank()) {
            return "";
        }
        try {
            String host = URI.create(url.strip()).getHost();
            return host == null ? "" : host;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String hint(String region) {
        String lower = region.toLowerCase(java.util.Locale.ROOT);
        return !lower.equals(region) && REGION.matcher(lower).matches() ? "; use lower case: " + lower : "";
    }

    /** The value as it can be shown on one line (support's {@link Settings#printable}). */
    static String printable(String s) {
        return Settings.printable(s);
    }
}
