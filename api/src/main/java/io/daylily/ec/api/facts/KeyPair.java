package io.daylily.ec.api.facts;

import java.util.Objects;

/** The EC2 key pair preflight selected and the local PEM file that logs in with it (absolute path). */
public record KeyPair(String name, String pemPath) {
    public KeyPair {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("key pair name is empty");
        }
        Objects.requireNonNull(pemPath, "pemPath");
    }
}
