package io.daylily.ec.support.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The validation rule of every config value (PARITY §6, §12; DECISIONS #11, #15, #16). Each rule
 * returns an error naming the rule, or empty when the value is valid.
 */
public final class Rules {
    /** ParallelCluster's rule (DECISIONS #11): a letter, then 1-24 letters, digits or '-'; 2-25 characters. */
    public static final Pattern CLUSTER_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9-]{1,24}$");
    public static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$");
    /** EventBridge Scheduler's rate expression: a whole number ≥ 1 and its unit (singular for 1, plural above). */
    public static final Pattern RATE = Pattern.compile("^rate\\(([0-9]{1,9}) (minute|minutes|hour|hours|day|days)\\)$");
    /** A cron expression of EventBridge: six fields (minutes hours day-of-month month day-of-week year). */
    public static final Pattern CRON = Pattern.compile("^cron\\(\\S+( \\S+){5}\\)$");
    public static final Pattern COUNT = Pattern.compile("^[0-9]+$");
    public static final Pattern AMOUNT = Pattern.compile("^[0-9]+(\\.[0-9]+)?$");
    /** One user name of a budget's user list (each name is trimmed first). */
    public static final Pattern USER = Pattern.compile("[A-Za-z0-9._-]+");
    public static final Pattern INSTANCE_TYPE = Pattern.compile("^[a-z][a-z0-9-]*\\.[a-z0-9]+$");
    public static final Pattern SUBNET = Pattern.compile("^subnet-[0-9a-f]{8,17}$");
    public static final Pattern POLICY_ARN = Pattern.compile("^arn:aws[a-zA-Z-]*:iam::([0-9]{12}|aws):policy/[\\w+=,.@/-]+$");
    public static final Pattern ROLE_ARN = Pattern.compile("^arn:aws[a-zA-Z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]+$");
    public static final Pattern BUCKET = Pattern.compile("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");
    public static final Pattern KEY_NAME = Pattern.compile("^[\\x20-\\x7E]{1,255}$");

    public static final List<String> HEADNODE_TYPES = List.of("r7i.2xlarge", "r7i.4xlarge", "r7i.8xlarge", "r7i.16xlarge");
    public static final List<String> ENFORCE = List.of("skip", "enforce");
    public static final List<String> FSX_POLICY = List.of("Retain", "Delete");
    public static final List<String> BOOLEAN = List.of("true", "false");
    public static final List<String> STRATEGIES = List.of("price-capacity-optimized", "capacity-optimized", "lowest-price");
    /** The FSx sizes offered in the menu (PARITY §14.4). */
    public static final List<String> FSX_MENU = List.of("1200", "2400", "4800", "7200", "9600", "12000", "14400");
    /** Heartbeat email value that disables the heartbeat. */
    public static final String SKIP = "skip";

    private Rules() {
    }

    public static Optional<String> clusterName(String v) {
        if (v.isEmpty()) {
            return Optional.of("a cluster name is required: 2-25 characters, start with a letter, then letters, digits and '-'");
        }
        if (v.length() < 2 || v.length() > 25) {
            return Optional.of("must be 2-25 characters (it has " + v.length() + "; ParallelCluster requires at least two)");
        }
        char first = v.charAt(0);
        if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) {
            return Optional.of("must start with a letter (ParallelCluster requires it); numbers are allowed after the first character");
        }
        if (!CLUSTER_NAME.matcher(v).matches()) {
            return Optional.of("must contain only letters, digits, and hyphens");
        }
        return Optional.empty();
    }

    public static Optional<String> email(String v) {
        return EMAIL.matcher(v).matches() ? Optional.empty()
                : Optional.of("is not a valid email address (expected e.g. name@example.com)");
    }

    public static Optional<String> heartbeatEmail(String v) {
        return SKIP.equals(v) ? Optional.empty() : email(v).map(e -> e + ", or 'skip' to disable the heartbeat");
    }

    public static Optional<String> schedule(String v) {
        String expected = "must be an EventBridge schedule expression: rate(1 hour), rate(60 minutes), rate(2 days)"
                + " or a six-field cron(0 12 * * ? *)";
        java.util.regex.Matcher rate = RATE.matcher(v);
        if (rate.matches()) {
            long n = Long.parseLong(rate.group(1));
            boolean plural = rate.group(2).endsWith("s");
            if (n < 1) {
                return Optional.of(expected + " (the rate must be at least 1)");
            }
            if (plural != (n > 1)) {
                return Optional.of(expected + " (the unit is singular for 1 and plural above, as EventBridge requires)");
            }
            return Optional.empty();
        }
        return CRON.matcher(v).matches() ? Optional.empty() : Optional.of(expected);
    }

    /** A compute resource's maximum count: a whole number from 1 (ParallelCluster's MaxCount minimum) to 999999. */
    public static Optional<String> count(String v) {
        if (!COUNT.matcher(v).matches() || v.length() > 6) {
            return Optional.of("must be a whole number from 1 to 999999");
        }
        return Long.parseLong(v) >= 1 ? Optional.empty()
                : Optional.of("must be at least 1: ParallelCluster requires MaxCount >= 1 for every compute resource");
    }

    public static Optional<String> amount(String v) {
        if (!AMOUNT.matcher(v).matches() || v.length() > 12) {
            return Optional.of("must be a positive amount in USD, e.g. 200 or 250.50");
        }
        return Double.parseDouble(v) > 0 ? Optional.empty() : Optional.of("must be greater than 0");
    }

    /**
     * A comma-separated list of user names; spaces around each name are allowed and trimmed (both
     * upstream implementations accept {@code "alice, bob"}), an empty or invalid name is refused.
     */
    public static Optional<String> users(String v) {
        String[] names = v.split(",", -1);
        for (int i = 0; i < names.length; i++) {
            String n = names[i].strip();
            if (n.isEmpty()) {
                return Optional.of("must be a comma-separated list of user names, e.g. ubuntu,alice (name " + (i + 1)
                        + " is empty)");
            }
            if (!USER.matcher(n).matches()) {
                return Optional.of("must be a comma-separated list of user names, e.g. ubuntu,alice ('" + n
                        + "' has a character other than letters, digits, '.', '_' and '-')");
            }
        }
        return Optional.empty();
    }

    public static Optional<String> fsxSize(String v) {
        if (!COUNT.matcher(v).matches() || v.length() > 7) {
            return Optional.of("must be a size in GiB valid for FSx for Lustre: 1200, 2400, or a multiple of 2400");
        }
        long n = Long.parseLong(v);
        if (n == 1200 || (n > 0 && n % 2400 == 0)) {
            return Optional.empty();
        }
        return Optional.of("must be valid for FSx for Lustre: 1200, 2400, or a multiple of 2400 (e.g. 4800, 7200)");
    }

    public static Optional<String> instanceType(String v) {
        return INSTANCE_TYPE.matcher(v).matches() ? Optional.empty()
                : Optional.of("is not an EC2 instance type (expected e.g. r7i.2xlarge)");
    }

    public static Optional<String> oneOf(String v, List<String> allowed) {
        return allowed.contains(v) ? Optional.empty() : Optional.of("must be one of " + String.join(", ", allowed));
    }

    public static Optional<String> subnet(String v) {
        return SUBNET.matcher(v).matches() ? Optional.empty() : Optional.of("is not a subnet id (expected subnet-0123abcd…)");
    }

    public static Optional<String> policyArn(String v) {
        return POLICY_ARN.matcher(v).matches() ? Optional.empty()
                : Optional.of("is not an IAM policy ARN (expected arn:aws:iam::123456789012:policy/pclusterTagsAndBudget)");
    }

    public static Optional<String> roleArn(String v) {
        return ROLE_ARN.matcher(v).matches() ? Optional.empty()
                : Optional.of("is not an IAM role ARN (expected arn:aws:iam::123456789012:role/NAME)");
    }

    public static Optional<String> bucket(String v) {
        return BUCKET.matcher(v).matches() && !v.contains("..") ? Optional.empty()
                : Optional.of("is not a valid S3 bucket name (3-63 lowercase letters, digits, '.', '-')");
    }

    public static Optional<String> keyName(String v) {
        return KEY_NAME.matcher(v).matches() ? Optional.empty()
                : Optional.of("is not a valid EC2 key pair name (1-255 printable ASCII characters)");
    }
}
