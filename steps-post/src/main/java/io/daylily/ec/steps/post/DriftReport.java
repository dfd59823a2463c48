package io.daylily.ec.steps.post;

import java.util.List;

/**
 * The drift report (PARITY §24): {@code {cluster_name, has_drift, checks: [{actual, details, error, expected, id, status}]}}.
 */
public record DriftReport(String clusterName, boolean hasDrift, List<Check> checks) {
    /** One comparison; status OK, DRIFTED or ERROR. */
    public record Check(String id, String status, String expected, String actual, String details, String error) {
        static Check ok(String id, String expected, String actual) {
            return new Check(id, "OK", expected, actual, "", "");
        }

        static Check drifted(String id, String expected, String actual, String details) {
            return new Check(id, "DRIFTED", expected, actual, details, "");
        }

        static Check error(String id, String expected, String error) {
            return new Check(id, "ERROR", expected, "", "", error);
        }
    }

    public DriftReport {
        checks = List.copyOf(checks);
    }
}
