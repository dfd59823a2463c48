package io.daylily.ec.app;

import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import java.util.Map;

/** AZ and region rules (PARITY §1.4, §29.4). */
public final class Regions {
    private Regions() {
    }

    /** The region of an AZ: the AZ minus its last character, which must be a letter. */
    public static String regionOf(String az) {
        if (az == null || az.isEmpty()) {
            throw new DaylilyException(ExitCode.VALIDATION, "--region-az must not be empty (e.g. us-west-2b)");
        }
        if (az.length() < 2) {
            throw new DaylilyException(ExitCode.VALIDATION,
                    "--region-az '" + az + "' has no region component (expected e.g. us-west-2b)");
        }
        char last = az.charAt(az.length() - 1);
        if (!((last >= 'a' && last <= 'z') || (last >= 'A' && last <= 'Z'))) {
            throw new DaylilyException(ExitCode.VALIDATION,
                    "--region-az '" + az + "' must end with the zone letter: expected a letter, e.g. us-west-2b");
        }
        return az.substring(0, az.length() - 1);
    }

    /** The region when there may be no AZ: the AZ's region, else AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1. */
    public static String resolve(String az, Map<String, String> env) {
        if (az != null && !az.isEmpty()) {
            return regionOf(az);
        }
        for (String name : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return "us-east-1";
    }
}
