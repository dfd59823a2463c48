package io.daylily.ec.api;

/**
 * Phase bases for {@link Step#order()}. Built-in steps are spaced by 10 inside their phase, so a
 * plug-in can slot between two of them (e.g. 515 runs after 510 and before 520).
 */
public final class Order {
    public static final int CONFIG = 100;
    public static final int PREFLIGHT = 200;
    /**
     * Where the runtime starts the declared reads of every later step ({@link Step#startReads}): after the config
     * and the toolchain gate (200), before the identity (210) — a run with a missing tool sends nothing.
     */
    public static final int READS = PREFLIGHT + 5;
    /** The first phase that changes AWS; whether a step may write is its own declaration ({@link Step#mutatesAws()}). */
    public static final int INFRA = 300;
    public static final int POLICY = 400;
    public static final int PCLUSTER = 500;
    public static final int POST = 600;

    private Order() {
    }
}
