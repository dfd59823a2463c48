package io.daylily.ec.steps.preflight;

/** Names derived from an STS caller ARN (DECISIONS #4). */
public final class CallerArn {
    private CallerArn() {
    }

    /**
     * The user name: the last {@code /} segment (IAM user, path users included; the session name
     * for an assumed role; {@code bob} for {@code federated-user/bob}), or the text after the last
     * {@code :} when there is no {@code /} ({@code root}).
     */
    public static String userName(String arn) {
        if (arn == null || arn.isEmpty()) {
            return "";
        }
        int slash = arn.lastIndexOf('/');
        if (slash >= 0) {
            return arn.substring(slash + 1);
        }
        return arn.substring(arn.lastIndexOf(':') + 1);
    }

    /** The role name of an assumed-role ARN ({@code …:assumed-role/ROLE/session}), or null for any other ARN. */
    public static String assumedRoleName(String arn) {
        if (arn == null) {
            return null;
        }
        int i = arn.indexOf(":assumed-role/");
        if (i < 0) {
            return null;
        }
        String rest = arn.substring(i + ":assumed-role/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    public static boolean isRoot(String arn) {
        return arn != null && arn.endsWith(":root");
    }
}
