package io.daylily.ec.api;

/** Names of the baseline network stack (PARITY §10.2), shared by preflight and infra. */
public final class BaselineStack {
    private BaselineStack() {
    }

    /** {@code pcluster-vpc-stack-} + the third dash field of the AZ: {@code us-west-2a} → {@code pcluster-vpc-stack-2a}. */
    public static String stackName(String az) {
        String[] parts = az.split("-");
        if (parts.length < 3) {
            throw new DaylilyException(ExitCode.VALIDATION, "AZ '" + az + "' must have at least 3 dash-separated fields");
        }
        return "pcluster-vpc-stack-" + parts[2];
    }

    /** {@code daylily-cs-<AZ>} with 1→one, 2→two, 3→three, 4→four (other digits unchanged). */
    public static String prefix(String az) {
        StringBuilder b = new StringBuilder("daylily-cs-");
        for (char c : az.toCharArray()) {
            switch (c) {
                case '1' -> b.append("one");
                case '2' -> b.append("two");
                case '3' -> b.append("three");
                case '4' -> b.append("four");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
