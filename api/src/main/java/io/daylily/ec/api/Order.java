package io.daylily.ec.api;

/**
 * Phase bases for {@link Step#order()}. Built-in steps are spaced by 10 inside their phase, so a
 * plug-in can slot between two of them (e.g. 515 runs after 510 and before 520).
 */
public final class Order {
    public static final int CONFIG = 100;
    public static final int PREFLIGHT = 200;
    /** Steps below this never mutate AWS: the runtime refuses mutating AWS calls while they run. */
    public static final int INFRA = 300;
    public static final int POLICY = 400;
    public static final int PCLUSTER = 500;
    public static final int POST = 600;

    private Order() {
    }
}
