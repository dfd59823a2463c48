package io.daylily.ec.api.event;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One PASS/WARN/FAIL check, as it appears in the preflight report.
 *
 * @param id          stable {@code area.item} id, e.g. {@code quota.spot_vcpu}; never null
 * @param status      never null
 * @param details     facts behind the verdict; JSON-friendly values (null allowed), sorted by key
 * @param remediation what the user should do; empty on PASS
 */
public record CheckResult(String id, CheckStatus status, SortedMap<String, Object> details, String remediation)
        implements RunEvent {

    public CheckResult {
        requireNonNull(id, "id is null");
        requireNonNull(status, "status is null");
        details = Collections.unmodifiableSortedMap(new TreeMap<>(details == null ? Map.of() : details));
        remediation = remediation == null ? "" : remediation;
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
        return new CheckResult(id, CheckStatus.WARN, d, remediation);
    }

    /** The question of a WARN made with {@link #warnAsking}. */
    public java.util.Optional<Question> question() {
        return status == CheckStatus.WARN ? Question.fromDetail(details.get(Question.DETAIL)) : java.util.Optional.empty();
    }

    public static CheckResult fail(String id, Map<String, ?> details, String remediation) {
        return new CheckResult(id, CheckStatus.FAIL, copy(details), remediation);
    }

    private static SortedMap<String, Object> copy(Map<String, ?> details) {
        return new TreeMap<>(details == null ? Map.of() : details);
    }
}
