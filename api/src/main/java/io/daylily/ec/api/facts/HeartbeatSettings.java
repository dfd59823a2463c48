package io.daylily.ec.api.facts;

import java.util.Objects;

/**
 * What the heartbeat is to be: the email (or {@code skip}/empty for none), the EventBridge schedule
 * expression, and the scheduler role ({@code ""} until the infra step resolves or creates it).
 */
public record HeartbeatSettings(String email, String schedule, String schedulerRoleArn) {
    /** The value that turns the heartbeat off. */
    public static final String SKIP = "skip";

    public HeartbeatSettings {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(schedulerRoleArn, "schedulerRoleArn");
    }

    /** Whether a heartbeat was asked for (an email that is not {@code skip}). */
    public boolean wanted() {
        return !email.isBlank() && !SKIP.equals(email);
    }

    /** Whether it can be wired: wanted, with a scheduler role. */
    public boolean ready() {
        return wanted() && !schedulerRoleArn.isBlank();
    }

    public HeartbeatSettings withRole(String arn) {
        return new HeartbeatSettings(email, schedule, arn);
    }
}
