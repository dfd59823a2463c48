package io.daylily.ec.api.event;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One PASS/WARN/FAIL check, as it appears in the preflight report.
 *
 * <p>What the runtime's gate acts on is in fields of their own (issue #28), never read back from {@code details}:
 * the question a WARN asks ({@link #asks}) and the kind of AWS failure behind a FAIL ({@link #awsError}, which makes
 * the run's exit code 2 instead of 1). Both are also shown in {@code details} ({@link Question#DETAIL},
 * {@link #AWS_ERROR}) for the report.
 *
 * @param id          stable {@code area.item} id, e.g. {@code quota.spot_vcpu}; never null
 * @param status      never null
 * @param details     facts behind the verdict; JSON-friendly values (null allowed), sorted by key
 * @param remediation what the user should do; empty on PASS
 * @param asks        the question the gate asks about a WARN ({@link #warnAsking}); null when none
 * @param awsError    the kind of AWS failure behind the check ({@code access_denied}, {@code throttled}, …;
 *                    {@link #withAwsError}); empty when the check did not fail because an AWS call failed
 */
public record CheckResult(String id, CheckStatus status, SortedMap<String, Object> details, String remediation, Question asks,
                          String awsError) implements RunEvent {
    /** The details key that shows {@link #awsError} in the report. */
    public static final String AWS_ERROR = "aws_error";

    public CheckResult {
        requireNonNull(id, "id is null");
        requireNonNull(status, "status is null");
        details = Collections.unmodifiableSortedMap(new TreeMap<>(details == null ? Map.of() : details));
        remediation = remediation == null ? "" : remediation;
        awsError = awsError == null ? "" : awsError;
    }

    /** A check without a question and without an AWS failure. */
    public CheckResult(String id, CheckStatus status, SortedMap<String, Object> details, String remediation) {
        this(id, status, details, remediation, null, "");
    }

    public static CheckResult pass(String id, Map<String, ?> details) {
        return new CheckResult(id, CheckStatus.PASS, copy(details), "");
    }

    public static CheckResult pass(String id) {
        return pass(id, Map.of());
    }

    public static CheckResult warn(String id, Map<String, ?> details, String remediation) {
        return new CheckResult(id, CheckStatus.WARN, copy(details), remediation);
    }

    /** A WARN with the question the runtime's gate asks the user (interactive runs); see {@link Question}. */
    public static CheckResult warnAsking(String id, Map<String, ?> details, String remediation, Question question) {
        SortedMap<String, Object> d = copy(details);
        d.put(Question.DETAIL, question.toDetail());
        return new CheckResult(id, CheckStatus.WARN, d, remediation, question, "");
    }

    /** The question of a WARN made with {@link #warnAsking}. */
    public java.util.Optional<Question> question() {
        return status == CheckStatus.WARN ? java.util.Optional.ofNullable(asks) : java.util.Optional.empty();
    }

    public static CheckResult fail(String id, Map<String, ?> details, String remediation) {
        return new CheckResult(id, CheckStatus.FAIL, copy(details), remediation);
    }

    /** This check, failed (or warned) because an AWS call failed with {@code kind}: a FAIL then ends the run with exit 2. */
    public CheckResult withAwsError(String kind) {
        SortedMap<String, Object> d = copy(details);
        d.put(AWS_ERROR, kind);
        return new CheckResult(id, status, d, remediation, asks, kind);
    }

    /** Whether an AWS call's failure is behind this check. */
    public boolean awsFailure() {
        return !awsError.isEmpty();
    }

    private static SortedMap<String, Object> copy(Map<String, ?> details) {
        return new TreeMap<>(details == null ? Map.of() : details);
    }
}
