package io.daylily.ec.support;

import java.util.Map;
import java.util.Optional;

/**
 * The one precedence for the AWS profile and region of a run (the brief's 10.1): the command-line
 * flag, then the file the run reads (the triplet config for {@code create}/{@code preflight}, the
 * state record for {@code drift}/{@code delete}), then the environment, then the default (the SDK's
 * default chain: no profile, or the region it finds). A blank value at any level counts as absent.
 */
public final class Precedence {
    private Precedence() {
    }

    /** Flag &gt; file &gt; {@code AWS_PROFILE}; empty means the default credential chain. */
    public static Optional<String> profile(String flag, String fromFile, Map<String, String> env) {
        return first(flag, fromFile, env.get("AWS_PROFILE"));
    }

    /** Flag &gt; file &gt; {@code AWS_REGION} &gt; {@code AWS_DEFAULT_REGION}; empty means the SDK's default. */
    public static Optional<String> region(String flag, String fromFile, Map<String, String> env) {
        return first(flag, fromFile, env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"));
    }

    /** The first value that is neither null nor blank, stripped. */
    public static Optional<String> first(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return Optional.of(c.strip());
            }
        }
        return Optional.empty();
    }
}
